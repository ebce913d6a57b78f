import random, csv, sys, json
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 7)
out = sys.argv[2] if len(sys.argv)>2 else 'b2b.csv'
stems = ["Acme","Globex","Initech","Umbrella","Stark","Wayne","Wonka","Tyrell","Cyberdyne","Soylent","Hooli","Vandelay","Massive",
 "Aperture","Black Mesa","Oscorp","Pied Piper","Gringotts","Monarch","Nakatomi","Virtucon","Zorg","Dunder","Kramerica","Bluth",
 "Sterling","Prestige","Oceanic","Nordwind","Alpen","Rheinland","Baltic","Helvetia","Danube","Iberia","Lumen","Quantum","Vertex",
 "Apex","Summit","Pinnacle","Horizon","Evergreen","Silverline","Redwood","Bluewater","Ironclad","Brightpath","Northstar","Keystone"]
suffix2 = ["Systems","Solutions","Logistics","Foods","Pharma","Energy","Labs","Industries","Partners","Trading"]
US_CITIES=[("Boston","02110","MA"),("Chicago","60601","IL"),("Austin","73301","TX"),("Denver","80202","CO"),("Seattle","98101","WA"),("Newark","07102","NJ")]
DE_CITIES=[("Berlin","10115"),("München","80331"),("Hamburg","20095"),("Köln","50667"),("Frankfurt am Main","60311")]
UK_CITIES=[("London","EC1A 1BB"),("Manchester","M1 1AE"),("Leeds","LS1 1UR")]
streets=["Main","Market","Oak","Harbor","Station","Mill","Park","Lake","Bridge","Church"]
rows=[]; ents=[]
eid=0
def vat(country):
    if country=="DE": return "DE"+"".join(random.choice("0123456789") for _ in range(9))
    if country=="GB": return "GB"+"".join(random.choice("0123456789") for _ in range(9))
    return "".join(random.choice("0123456789") for _ in range(2))+"-"+"".join(random.choice("0123456789") for _ in range(7))  # US EIN
def duns():
    return "0"+"".join(random.choice("0123456789") for _ in range(8))  # leading zero
def phone(country):
    if country=="US": return "+1 %03d %03d %04d"%(random.randint(201,989),random.randint(200,999),random.randint(0,9999))
    if country=="DE": return "+49 30 %08d"%random.randint(0,99999999)
    return "+44 20 %04d %04d"%(random.randint(0,9999),random.randint(0,9999))
def name_variant(stem, form, country, v):
    # form: canonical legal form token
    if form=="Inc":
        opts=[f"{stem} Inc.",f"{stem.upper()}, Inc",f"{stem} Incorporated",f"{stem} Inc",f"The {stem} Company, Inc."]
    elif form=="LLC":
        opts=[f"{stem} LLC",f"{stem}, L.L.C.",f"{stem} llc",f"{stem.upper()} LLC"]
    elif form=="GmbH":
        opts=[f"{stem} GmbH",f"{stem} G.m.b.H.",f"{stem.upper()} GMBH",f"{stem} Gesellschaft mit beschränkter Haftung"]
    elif form=="AG":
        opts=[f"{stem} AG",f"{stem} Aktiengesellschaft",f"{stem.upper()} AG"]
    elif form=="Ltd":
        opts=[f"{stem} Ltd",f"{stem} Limited",f"{stem} Ltd.",f"{stem.upper()} LTD"]
    elif form=="Holdings":
        opts=[f"{stem} Holdings Inc.",f"{stem} Holdings, Inc",f"{stem.upper()} HOLDINGS INC"]
    return opts[0] if v==0 else random.choice(opts)
def addr_variant(num, street, country, v):
    if v==0: return f"{num} {street} Street" if country!="DE" else f"{street}straße {num}"
    if country=="DE": return random.choice([f"{street}straße {num}",f"{street}str. {num}",f"{street}strasse {num}",f"{street.upper()}STR. {num}"])
    return random.choice([f"{num} {street} Street",f"{num} {street} St.",f"{num} {street.upper()} ST",f"{num} {street} St, Suite 100"])
def web_variant(dom, v):
    if v==0: return f"https://www.{dom}"
    return random.choice([f"https://www.{dom}",dom,f"www.{dom}/",f"http://{dom}",f"HTTPS://WWW.{dom.upper()}/"])
def phone_variant(p, v):
    if v==0 or not p: return p
    d="".join(ch for ch in p if ch.isdigit())
    return random.choice([p, d, "+"+d, p.replace(" ","-")])
def make_entity(stem, form, country, cityinfo, dom, shared_vat=None, shared_phone=None, shared_addr=None):
    global eid
    eid+=1
    e=dict(eid=eid, stem=stem, form=form, country=country, city=cityinfo[0], postal=cityinfo[1],
           vat=shared_vat or vat(country), duns=duns(), dom=dom, phone=shared_phone or phone(country),
           addr=shared_addr or (random.randint(1,999), random.choice(streets)))
    ents.append(e); return e
def emit(e, nrec):
    srcs=["CRM","ERP","Billing","D&B"]
    for v in range(nrec):
        r=dict(source_system=random.choice(srcs) if v else "ERP",
               updated_at="2024-%02d-%02d"%(random.randint(1,12),random.randint(1,28)),
               company_name=name_variant(e['stem'],e['form'],e['country'],v),
               vat_id=e['vat'] if (v==0 or random.random()<0.8) else "",
               duns_number=e['duns'] if (v==0 or random.random()<0.7) else "",
               website=web_variant(e['dom'],v),
               street_address=addr_variant(e['addr'][0],e['addr'][1],e['country'],v),
               city=e['city'], postal_code=e['postal'], country={"US":"USA","DE":"Germany","GB":"United Kingdom"}[e['country']] if v==0 else random.choice({"US":["USA","US","United States"],"DE":["Germany","DE","Deutschland"],"GB":["United Kingdom","UK","GB"]}[e['country']]),
               phone=phone_variant(e['phone'],v), _eid=e['eid'])
        if e['country']=="DE" and v and random.random()<0.5:
            r['vat_id']=r['vat_id'][:2]+" "+r['vat_id'][2:5]+" "+r['vat_id'][5:8]+" "+r['vat_id'][8:] if r['vat_id'] else ""
        rows.append(r)
used=set()
for i,stem0 in enumerate(stems):
    for s2 in random.sample(suffix2,3):
        stem=f"{stem0} {s2}"
        dom=stem.lower().replace(" ","")+random.choice([".com",".de",".co.uk"])
        kind=random.random()
        if kind<0.35:   # simple US/UK/DE company
            c=random.choice(["US","DE","GB"])
            form={"US":random.choice(["Inc","LLC"]),"DE":"GmbH","GB":"Ltd"}[c]
            ci=random.choice(US_CITIES if c=="US" else DE_CITIES if c=="DE" else UK_CITIES)
            emit(make_entity(stem,form,c,ci,dom),random.choice([1,2,2,3,4]))
        elif kind<0.55: # GmbH vs AG at same address, same phone switchboard
            ci=random.choice(DE_CITIES); addr=(random.randint(1,99),random.choice(streets)); ph=phone("DE")
            emit(make_entity(stem,"GmbH","DE",ci,dom,shared_phone=ph,shared_addr=addr),random.choice([1,2,3]))
            emit(make_entity(stem,"AG","DE",ci,dom,shared_phone=ph,shared_addr=addr),random.choice([1,2,3]))
        elif kind<0.8:  # branches: same name, same VAT/EIN, same website, different city/address/phone/DUNS
            cs=random.sample(US_CITIES,3); v=vat("US")
            for ci in cs:
                emit(make_entity(stem,"Inc","US",ci,dom,shared_vat=v),random.choice([1,2,3]))
        else:           # parent / subsidiary same city, same switchboard, same building
            ci=random.choice(US_CITIES); ph=phone("US"); addr=(random.randint(1,99),random.choice(streets))
            emit(make_entity(stem,"Holdings","US",ci,dom,shared_phone=ph,shared_addr=addr),random.choice([1,2]))
            emit(make_entity(stem,"Inc","US",ci,dom,shared_phone=ph,shared_addr=addr),random.choice([1,2,3]))
random.shuffle(rows)
cols=["record_id","source_system","updated_at","company_name","vat_id","duns_number","website","street_address","city","postal_code","country","phone"]
truth={}
with open(out,"w",newline="",encoding="utf-8") as f:
    w=csv.writer(f); w.writerow(cols)
    for i,r in enumerate(rows):
        r['record_id']="R%05d"%(i+1); truth[r['record_id']]=r['_eid']
        w.writerow([r[c] for c in cols])
json.dump(truth,open(out.replace(".csv","_truth.json"),"w"))
print(len(rows),"rows",len(ents),"entities")
