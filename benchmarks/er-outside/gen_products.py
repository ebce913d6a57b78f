import random, csv, json, sys
random.seed(11)
namecol = sys.argv[1]; out=sys.argv[2]
def gtin_check(s):
    d=[int(c) for c in s]; t=sum(x*(3 if i%2==0 else 1) for i,x in enumerate(reversed(d)))
    return s+str((10-t%10)%10)
bases=[("T-shirt","Apparel"),("Hoodie","Apparel"),("Running Shoe","Footwear"),("Sock 3-pack","Apparel"),("Polo Shirt","Apparel"),
       ("Coffee Beans","Food"),("Olive Oil","Food"),("Shampoo","Care"),("Water Bottle","Home"),("Notebook","Office")]
colours=["Red","Blue","Black","White","Green"]; sizes=["S","M","L","XL"]; vols=["250 ml","500 ml","1 l"]
rows=[]; pid=0
for b,cat in bases:
    var=[(c,s) for c in random.sample(colours,3) for s in (sizes if cat in("Apparel","Footwear") else random.sample(vols,2))]
    for c,s in var:
        pid+=1
        prefix=random.choice(["0","00","0000","4"])   # many UPC-derived GTINs start with zeros
        g=gtin_check(prefix+"".join(random.choice("0123456789") for _ in range(12-len(prefix))))
        sku=f"{b[:3].upper()}-{c[:3].upper()}-{s.replace(' ','')}"
        price=round(random.uniform(5,80),2)
        n=random.choice([1,2,2,3])
        for v in range(n):
            t=f"{b} {c} {s}" if v==0 else random.choice([f"{b} {c} {s}",f"{b} - {c} - {s}",f"{b.upper()} {c.upper()} {s}",f"{b}, {c}, Size {s}"])
            rows.append(dict(source=["ERP","Shopify","Amazon"][v], updated_at=f"2024-0{random.randint(1,9)}-1{random.randint(0,9)}",
                sku=sku, gtin=g, **{namecol:t}, colour=c, size=s, price=f"{price:.2f}" if v==0 else random.choice([f"{price:.2f}",f"{price}",f"€{price:.2f}".replace('.',',')]),
                currency="EUR", unit="EA" if cat!="Food" else random.choice(["EA","PCS"]), _pid=pid))
random.shuffle(rows)
cols=["source","updated_at","sku","gtin",namecol,"colour","size","price","currency","unit"]
truth={}
with open(out,"w",newline="") as f:
    w=csv.writer(f); w.writerow(["record_no"]+cols)
    for i,r in enumerate(rows):
        truth["P%04d"%(i+1)]=r['_pid']; w.writerow(["P%04d"%(i+1)]+[r[c] for c in cols])
json.dump(truth,open(out.replace('.csv','_truth.json'),'w'))
print(len(rows),"rows",pid,"products")
