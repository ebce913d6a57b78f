#!/usr/bin/python3
"""Generator for three entity-resolution test sets (fixed seeds, no network), written by an outside tester to judge
matching on data unlike the customer generator of ../shared/anchors/analysis: two merged CRMs (European names, "Last,
First", plus-addressed e-mails, national vs international phones), US households (shared surname, address and landline;
twins; Jr/Sr; namesakes) and international names (pinyin, Arabic transliterations, Indian names).

Writes, per dataset X in {a_crm_merge, b_households, c_intl}:
  data/X.csv        the file given to the tool (record_id is a unique, opaque row id)
  data/X_truth.csv  record_id,entity_id (hidden truth)
Optional argv[1] = scale factor for dataset A (used for the large timing run: a_crm_merge_large).
"""
import csv, os, random, sys, unicodedata
from datetime import date, timedelta

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(os.environ.get("ER_OUTSIDE_DIR", os.path.join(ROOT, ".local", "er-outside")), "data")
os.makedirs(OUT, exist_ok=True)


def fold_de(s):  # German transliteration ü->ue, ß->ss
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        s = s.replace(a, b)
    return strip(s)


def strip(s):  # accents removed: José -> Jose, Müller -> Muller, Yılmaz -> Yilmaz
    s = s.replace("ı", "i").replace("ß", "ss").replace("İ", "I")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def typo(rng, s):
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 2)
    k = rng.random()
    if k < 0.4:   # transposition
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if k < 0.7:   # deletion
        return s[:i] + s[i + 1:]
    return s[:i] + s[i] + s[i:]  # doubled letter


def write(name, header, rows, truth, extra_cols=()):
    with open(os.path.join(OUT, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    with open(os.path.join(OUT, name + "_truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "entity_id", *extra_cols])
        w.writerows(truth)
    print(name, len(rows), "rows", len(set(t[1] for t in truth)), "entities")


# ----------------------------------------------------------------------------------------------
# A: two merged CRMs (legacy German/UK CRM vs web shop), different conventions
# ----------------------------------------------------------------------------------------------
DE_FIRST = ["Jürgen", "Hans-Peter", "Günter", "Jörg", "Björn", "Sören", "Käthe", "Lena", "Anna-Lena", "Matthias",
            "Stefan", "Katrin", "Sabine", "Uwe", "Ralf", "Dieter", "Heike", "Ute", "Andreas", "Thomas", "Michael",
            "Claudia", "Monika", "Petra", "Jens", "Maximilian", "Sophie", "Lukas", "Felix", "Bärbel", "Hannelore",
            "Karl-Heinz", "Jürgen", "Grete", "Wolfgang", "Frauke", "Tobias", "Jana", "Nils", "Mareike"]
DE_LAST = ["Müller", "Schröder", "Weiß", "Köhler", "Groß", "Jäger", "Böhm", "Krüger", "Schäfer", "Hoffmann",
           "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Schulz", "Koch", "Bauer", "Richter",
           "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Schmitt", "Werner",
           "Krause", "Meier", "Lehmann", "Köster", "Vogel", "Günther", "Roth", "Lorenz", "Böhme", "Krämer", "Kühn",
           "Müller-Lüdenscheidt", "Schulze-Bäumer", "Weißenböck", "Strauß", "Fuß", "Nußbaum", "Dreßler", "Löwe", "Süß"]
UK_FIRST = ["Oliver", "George", "Harry", "Jack", "Charlotte", "Amelia", "Olivia", "Emily", "Siobhan", "Niamh",
            "Rhys", "Gareth", "Alistair", "Fiona", "Catherine", "Elizabeth", "William", "Christopher", "Nicholas",
            "Rebecca", "Sarah", "David", "Ian", "Margaret", "Michael", "Thomas", "Aoife", "Eilidh", "Callum", "Zoë"]
UK_LAST = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
           "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis",
           "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Cooper", "Hill", "Ward", "Morris",
           "O'Brien", "O'Connor", "McDonald", "MacLeod", "Smith-Jones", "Bowes-Lyon", "Fforde", "ap Rhys",
           "Khan", "Begum", "Hussain", "Murphy", "Kelly", "Campbell", "Stewart", "Fitzgerald", "D'Souza"]
ES_FIRST = ["José", "María José", "Inés", "Ángel", "Jesús", "Raúl", "Sofía", "Lucía", "François", "Hélène",
            "Chloé", "Renée", "Noël", "Raphaël", "Jérôme", "Séverine", "Zoé", "Agnès", "Begoña", "Iñaki"]
ES_LAST = ["García-López", "Fernández", "Núñez", "Martínez", "Pérez", "Sánchez", "Gómez", "Muñoz", "Jiménez",
           "Álvarez", "Rodríguez Sáez", "Lefèvre", "Bérenger", "Lemaître", "Gauthier", "Côté", "Faure",
           "de la Fuente", "Ibáñez", "Peña", "Castaño", "Dubois-Mérel", "Aguirre-Olaizola"]
TR_FIRST = ["Mehmet", "Ayşe", "Gülşen", "Çağlar", "Ömer", "Şükrü", "Emine", "Hüseyin", "İbrahim", "Özlem", "Büşra",
            "Kübra", "Doğan", "Yiğit"]
TR_LAST = ["Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan", "Kılıç", "Aydın", "Özdemir", "Arslan", "Ergün", "Gül",
           "Koç", "Kurt", "Özkan", "Şimşek"]
NICK = {"William": ["Bill", "Will"], "Elizabeth": ["Liz", "Beth"], "Catherine": ["Kate", "Cathy"],
        "Christopher": ["Chris"], "Nicholas": ["Nick"], "Margaret": ["Maggie"], "Rebecca": ["Becky"],
        "Michael": ["Mike"], "Thomas": ["Tom"], "Maximilian": ["Max"], "Hans-Peter": ["Hans", "HP"],
        "Karl-Heinz": ["Kalle", "Karl"], "Andreas": ["Andi"], "María José": ["Majo", "María"], "Jesús": ["Chuy"]}
DE_CITIES = [("Berlin", "Berlin", "10115", "030"), ("München", "Muenchen", "80331", "089"), ("Köln", "Koeln", "50667", "0221"),
             ("Hamburg", "Hamburg", "20095", "040"), ("Düsseldorf", "Duesseldorf", "40213", "0211"),
             ("Frankfurt am Main", "Frankfurt/M.", "60311", "069"), ("Nürnberg", "Nuernberg", "90402", "0911"),
             ("Lüneburg", "Lueneburg", "21335", "04131"), ("Göttingen", "Goettingen", "37073", "0551")]
DE_CITY_EN = {"München": "Munich", "Köln": "Cologne", "Nürnberg": "Nuremberg", "Frankfurt am Main": "Frankfurt"}
DE_STREETS = ["Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenallee", "Am Mühlbach",
              "Königsweg", "Friedrich-Ebert-Straße", "Gartenstraße", "Kirchplatz", "Mozartstraße", "Große Bleiche"]
UK_CITIES = [("London", "SW1A", "020"), ("Manchester", "M1", "0161"), ("Edinburgh", "EH1", "0131"), ("Cardiff", "CF10", "029"),
             ("Leeds", "LS1", "0113"), ("Bristol", "BS1", "0117"), ("Belfast", "BT1", "028"), ("Glasgow", "G1", "0141")]
UK_STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "King's Road",
              "Queen Street", "St. Mary's Close", "Park Avenue", "The Crescent", "Abbey Road", "Oak Drive"]
DE_DOMAINS = ["gmail.com", "googlemail.com", "web.de", "gmx.de", "gmx.net", "t-online.de", "outlook.de", "yahoo.de", "posteo.de"]
UK_DOMAINS = ["gmail.com", "googlemail.com", "btinternet.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com", "sky.com"]


def email_local(rng, first, last):
    f = strip(first).lower().replace(" ", "").replace("'", "")
    l = strip(last).lower().replace(" ", "").replace("'", "")
    f1 = f.split("-")[0]
    pat = rng.choice(["f.l", "fl", "f_l", "fl99", "f1l", "l.f", "nick", "f.l99"])
    yy = str(rng.randrange(60, 100)) if rng.random() < 0.5 else str(rng.randrange(1, 999))
    return {"f.l": f"{f1}.{l}", "fl": f"{f1}{l}", "f_l": f"{f1}_{l}", "fl99": f"{f1}{l}{yy}", "f1l": f"{f1[0]}{l}",
            "l.f": f"{l}.{f1}", "nick": f"{f1}{rng.choice(['_', '.', ''])}{rng.choice(['rocks', 'mail', 'home', 'privat', 'xyz'])}{yy}",
            "f.l99": f"{f1}.{l}.{yy}"}[pat]


def de_phone(rng, area):
    return area, str(rng.randrange(10 ** (9 - len(area)), 10 ** (10 - len(area)) - 1) if rng.random() < 0.6 else rng.randrange(100000, 9999999))


def gen_a(n_entities, seed, name):
    rng = random.Random(seed)
    people = []
    for e in range(n_entities):
        nat = rng.choices(["DE", "UK", "ES", "TR"], [0.42, 0.33, 0.15, 0.10])[0]
        if nat == "UK":
            first, last = rng.choice(UK_FIRST), rng.choice(UK_LAST)
            city, pc_out, area = rng.choice(UK_CITIES)
            postcode = f"{pc_out} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            street = f"{rng.randrange(1, 200)} {rng.choice(UK_STREETS)}"
            mobile = rng.random() < 0.6
            if mobile:
                area, num = "07" + str(rng.randrange(400, 999)), str(rng.randrange(100000, 999999))
            else:
                num = str(rng.randrange(10 ** (10 - len(area)), 10 ** (11 - len(area)) - 1))
            country = "UK"
            domains = UK_DOMAINS
        else:
            if nat == "DE":
                first, last = rng.choice(DE_FIRST), rng.choice(DE_LAST)
            elif nat == "ES":
                first, last = rng.choice(ES_FIRST), rng.choice(ES_LAST)
            else:
                first, last = rng.choice(TR_FIRST), rng.choice(TR_LAST)
            c = rng.choice(DE_CITIES)
            city, postcode, area = c[0], str(int(c[2]) + rng.randrange(0, 40)).zfill(5), c[3]
            street = f"{rng.choice(DE_STREETS)} {rng.randrange(1, 150)}{rng.choice(['', '', '', 'a', 'b'])}"
            if rng.random() < 0.5:
                area, num = rng.choice(["0151", "0160", "0170", "0171", "0176"]), str(rng.randrange(1000000, 99999999))
            else:
                area, num = de_phone(rng, area)
            country = "DE"
            domains = DE_DOMAINS
        dom = rng.choice(domains)
        people.append(dict(e=e, nat=nat, first=first, last=last, city=city, postcode=postcode, street=street,
                           area=area, num=num, country=country, email=f"{email_local(rng, first, last)}@{dom}",
                           alt_email=f"{email_local(rng, first, last)}@{rng.choice(domains)}"))
    # a few households: spouse with same surname, same address, same landline (distinct entities)
    extra = []
    for p in rng.sample(people, k=n_entities // 20):
        q = dict(p)
        q["e"] = len(people) + len(extra)
        q["spouse_of"] = p["e"]
        p["spouse_of"] = q["e"]
        pool = {"DE": DE_FIRST, "UK": UK_FIRST, "ES": ES_FIRST, "TR": TR_FIRST}[p["nat"]]
        q["first"] = rng.choice([f for f in pool if f != p["first"]])
        q["email"] = f"{email_local(rng, q['first'], q['last'])}@{p['email'].split('@')[1]}"
        q["alt_email"] = q["email"]
        if p["area"].startswith("07") or p["area"].startswith("01"):   # a mobile is personal: only a landline is shared
            q["num"] = str(rng.randrange(1000000, 99999999) if p["country"] == "DE" else rng.randrange(100000, 999999))
        extra.append(q)
    people += extra

    def intl_phone(p):
        cc = "49" if p["country"] == "DE" else "44"
        area = p["area"][1:]
        num = p["num"]
        return rng.choice([f"+{cc} {area} {num}", f"+{cc} (0){area} {num}", f"00{cc} {area} {num}",
                           f"+{cc}{area}{num}", f"+{cc}-{area}-{num}"])

    def natl_phone(p):
        a, n = p["area"], p["num"]
        h = len(n) // 2
        return rng.choice([f"{a} {n}", f"{a}/{n}", f"({a}) {n[:h]}-{n[h:]}", f"{a}-{n}", f"{a} {n[:h]} {n[h:]}"])

    def legacy(p):
        first, last = p["first"], p["last"]
        if rng.random() < 0.15 and first in NICK:
            first = rng.choice(NICK[first])
        if rng.random() < 0.04:
            last = typo(rng, last)
        style = rng.random()
        if style < 0.55:
            nm = f"{last.upper()}, {first}"
        elif style < 0.85:
            nm = f"{last}, {first}"
        else:
            nm = f"{last.upper()}, {first[0]}."
        email = p["email"] if rng.random() < 0.8 else ""
        if email and rng.random() < 0.1:
            email = email.upper()
        phone = natl_phone(p) if rng.random() < 0.9 else ""
        street = p["street"]
        city = p["city"]
        pc = p["postcode"]
        if p["country"] == "UK" and rng.random() < 0.3:
            pc = pc.replace(" ", "")
        country = rng.choice(["DE", "Deutschland", "D"]) if p["country"] == "DE" else rng.choice(["UK", "GB", "England"])
        d = date(2012, 1, 1) + timedelta(days=rng.randrange(0, 3000))
        return ["LEGACY_CRM", nm, email, phone, street, city, pc, country, d.strftime("%d.%m.%Y")]

    def web(p):
        first, last = p["first"], p["last"]
        r = rng.random()
        if p["nat"] == "DE":
            if r < 0.4:
                first, last = fold_de(first), fold_de(last)
            elif r < 0.6:
                first, last = strip(first), strip(last)
        elif r < 0.6:
            first, last = strip(first), strip(last)
        if "-" in last and rng.random() < 0.4:
            last = rng.choice([last.replace("-", " "), last.split("-")[0]])
        if rng.random() < 0.15 and p["first"] in NICK:
            first = rng.choice(NICK[p["first"]])
        if " " in first and rng.random() < 0.5:
            first = first.split(" ")[0]
        if rng.random() < 0.04:
            first = typo(rng, first)
        s = rng.random()
        if s < 0.10:
            nm = f"{last} {first}"          # swapped, no comma
        elif s < 0.18:
            nm = f"{first[0]}. {last}"      # initial
        elif s < 0.23:
            nm = f"{first} {last}".upper()
        else:
            nm = f"{first} {last}"
        if rng.random() < 0.06:
            nm = unicodedata.normalize("NFD", nm)  # exported from a Mac
        # e-mail variants
        e = p["email"] if rng.random() < 0.85 else p["alt_email"]
        local, dom = e.split("@")
        if dom in ("gmail.com", "googlemail.com"):
            k = rng.random()
            if k < 0.25:
                local = local.replace(".", "")
            elif k < 0.4 and "." not in local and len(local) > 5:
                local = local[:3] + "." + local[3:]
            if rng.random() < 0.3:
                dom = "gmail.com" if dom == "googlemail.com" else "googlemail.com"
        if rng.random() < 0.3 and dom in ("gmail.com", "googlemail.com", "outlook.com", "outlook.de", "icloud.com", "posteo.de"):
            local += rng.choice(["+shop", "+newsletter", "+webshop2019", "+amazon"])
        email = f"{local}@{dom}"
        if rng.random() < 0.15:
            email = email[0].upper() + email[1:].replace(".", ".", 1)
            email = email.title() if rng.random() < 0.5 else email
        if rng.random() < 0.05:
            email = ""
        phone = intl_phone(p) if rng.random() < 0.75 else (natl_phone(p) if rng.random() < 0.6 else "")
        street = p["street"]
        if p["country"] == "DE":
            street = street.replace("straße", rng.choice(["str.", "strasse", "str", "straße"]))
        else:
            for a, b in (("Street", "St."), ("Road", "Rd"), ("Avenue", "Ave"), ("Lane", "Ln")):
                if rng.random() < 0.5:
                    street = street.replace(a, b)
            if rng.random() < 0.2:
                street = f"Flat {rng.randrange(1, 20)}, {street}"
        city = p["city"]
        if p["country"] == "DE":
            c = rng.random()
            if c < 0.3:
                city = next((x[1] for x in DE_CITIES if x[0] == city), city)
            elif c < 0.45:
                city = DE_CITY_EN.get(city, city)
        if rng.random() < 0.1:
            city = city.upper()
        pc = p["postcode"]
        if p["country"] == "UK" and rng.random() < 0.3:
            pc = pc.replace(" ", "")
        elif p["country"] == "DE" and rng.random() < 0.15:
            pc = "D-" + pc
        country = rng.choice(["Germany", "DE"]) if p["country"] == "DE" else rng.choice(["United Kingdom", "UK", "GB"])
        d = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        return ["WEBSHOP", nm, email, phone, street, city, pc, country, d.isoformat() + "T10:%02d:00Z" % rng.randrange(60)]

    rows = []
    for p in people:
        recs = []
        in_a, in_b = rng.random() < 0.72, rng.random() < 0.68
        if not (in_a or in_b):
            in_a = True
        if in_a:
            recs.append(legacy(p))
        if in_b:
            recs.append(web(p))
        if rng.random() < 0.15:
            recs.append(web(p) if rng.random() < 0.6 else legacy(p))   # re-registration in one system
        for r in recs:
            rows.append((p["e"], r, p["nat"], f"A{p['spouse_of']:05d}" if "spouse_of" in p else ""))
    rng.shuffle(rows)
    out, truth = [], []
    for i, (e, r, nat, sp) in enumerate(rows):
        rid = f"R{100000 + i * 7 + rng.randrange(7)}"
        out.append([rid] + r)
        truth.append((rid, f"A{e:05d}", nat, sp))
    write(name, ["record_id", "source_system", "full_name", "email", "phone", "street", "city", "postcode", "country", "updated_at"], out, truth, ("nationality", "spouse_entity"))


# ----------------------------------------------------------------------------------------------
# B: US households – people legitimately sharing surname, address, home phone, family e-mail; twins; Jr/Sr;
#    common names in different (and the same) cities.  Real duplicates carry nicknames, typos, moves.
# ----------------------------------------------------------------------------------------------
US_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
           "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
           "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
           "Nguyen", "Kowalski", "O'Neill", "Washington", "Okafor", "Schwartz", "Yamamoto", "Begay", "Kealoha", "Dubois"]
US_M = ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Christopher",
        "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Jose", "Luis", "Tyrone", "DeShawn"]
US_F = ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
        "Margaret", "Katherine", "Emily", "Ashley", "Michelle", "Maria", "Guadalupe", "Keisha", "Rebecca", "Nicole"]
US_NICK = {"James": ["Jim", "Jimmy"], "John": ["Jack", "Johnny"], "Robert": ["Bob", "Rob", "Bobby"], "Michael": ["Mike"],
           "William": ["Bill", "Will", "Billy"], "David": ["Dave"], "Richard": ["Rick", "Dick"], "Joseph": ["Joe"],
           "Thomas": ["Tom"], "Christopher": ["Chris"], "Daniel": ["Dan", "Danny"], "Matthew": ["Matt"],
           "Anthony": ["Tony"], "Steven": ["Steve"], "Andrew": ["Andy", "Drew"], "Joshua": ["Josh"],
           "Patricia": ["Pat", "Patty", "Trish"], "Jennifer": ["Jen", "Jenny"], "Elizabeth": ["Liz", "Beth", "Betsy"],
           "Barbara": ["Barb"], "Susan": ["Sue"], "Jessica": ["Jess"], "Margaret": ["Peggy", "Maggie"],
           "Katherine": ["Kate", "Kathy", "Katie"], "Rebecca": ["Becky"], "Nicole": ["Nikki"]}
TWINS = [("Mason", "Madison"), ("Ella", "Emma"), ("Jacob", "Joshua"), ("Daniel", "David"), ("Aiden", "Owen"),
         ("Olivia", "Sophia"), ("Caleb", "Carter"), ("Lily", "Lucy"), ("Ethan", "Evan"), ("Ava", "Isabella"), ("Noah", "Nathan")]
KIDS = ["Liam", "Noah", "Olivia", "Emma", "Ava", "Sophia", "Jayden", "Elijah", "Chloe", "Zoe", "Isaiah", "Mia", "Gabriel", "Aaliyah"]
US_CITIES = [("Houston", "TX", "770", "713"), ("Chicago", "IL", "606", "312"), ("Phoenix", "AZ", "850", "602"),
             ("Columbus", "OH", "432", "614"), ("Springfield", "IL", "627", "217"), ("Springfield", "MO", "658", "417"),
             ("Portland", "OR", "972", "503"), ("Portland", "ME", "041", "207"), ("Atlanta", "GA", "303", "404")]
US_STREETS = ["Oak St", "Maple Ave", "Main St", "Cedar Ln", "Elm Street", "Washington Blvd", "Lakeview Dr", "Pine Rd",
              "Park Avenue", "2nd St", "Martin Luther King Jr Blvd", "Sunset Blvd"]
US_DOMAINS = ["gmail.com", "yahoo.com", "aol.com", "hotmail.com", "outlook.com", "comcast.net", "att.net", "icloud.com"]


def gen_b(n_households, seed, name):
    rng = random.Random(seed)
    persons = []   # dicts with household info
    common = [("John", "Smith"), ("Maria", "Garcia"), ("Michael", "Johnson"), ("James", "Williams"), ("Jennifer", "Brown"),
              ("David", "Lee"), ("Jose", "Hernandez")]
    used_emails = set()

    def uniq_email(local, dom):
        e = f"{local}@{dom}"
        k = 2
        while e in used_emails:
            e = f"{local}{k}@{dom}"
            k += 1
        used_emails.add(e)
        return e

    def personal_email(first, last, birth):
        f, l = strip(first).lower(), strip(last).lower().replace("'", "")
        local = rng.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{l}{birth.year % 100:02d}", f"{l}{f[0]}", f"{f}_{l}{rng.randrange(1, 99)}"])
        return uniq_email(local, rng.choice(US_DOMAINS))

    for h in range(n_households):
        city, state, zip3, area = rng.choice(US_CITIES)
        last = rng.choice(US_LAST) if h >= 21 else [("John", "Smith"), ("Maria", "Garcia"), ("Michael", "Johnson"), ("James", "Williams"), ("Jennifer", "Brown"), ("David", "Lee"), ("Jose", "Hernandez")][h % 7][1]
        address = f"{rng.randrange(100, 9999)} {rng.choice(US_STREETS)}"
        zipc = f"{zip3}{rng.randrange(0, 99):02d}"
        landline = f"{area}{rng.randrange(200, 999)}{rng.randrange(0, 9999):04d}" if rng.random() < 0.7 else ""
        fam_email = uniq_email(f"the{last.lower().replace(chr(39), '')}s{rng.choice(['', '1985', '_family', 'home'])}", rng.choice(US_DOMAINS)) if rng.random() < 0.3 else ""
        hh = dict(h=h, city=city, state=state, zip=zipc, address=address, landline=landline, fam_email=fam_email, area=area, last=last)
        members = []
        kind = rng.random()
        y0 = rng.randrange(1945, 1990)
        if h < len(common) * 3:   # common-name people, one per household, in many cities
            f, l = common[h % len(common)]
            hh["last"] = l
            members.append((f, l, date(rng.randrange(1950, 2000), rng.randrange(1, 13), rng.randrange(1, 29)), "M"))
        elif kind < 0.25:
            members.append((rng.choice(US_M + US_F), last, date(y0, rng.randrange(1, 13), rng.randrange(1, 29)), "S"))
        else:
            a = rng.choice(US_M)
            b = rng.choice(US_F)
            members.append((a, last, date(y0, rng.randrange(1, 13), rng.randrange(1, 29)), "P"))
            members.append((b, last, date(y0 + rng.randrange(-4, 5), rng.randrange(1, 13), rng.randrange(1, 29)), "P"))
            r = rng.random()
            if r < 0.25:   # twins
                t = rng.choice(TWINS)
                bd = date(y0 + rng.randrange(22, 35), rng.randrange(1, 13), rng.randrange(1, 29))
                members.append((t[0], last, bd, "T"))
                members.append((t[1], last, bd, "T"))
            elif r < 0.45:  # Jr / Sr : son has father's name
                members[0] = (a, last + " Sr.", members[0][2], "SR")
                members.append((a, last + " Jr.", date(y0 + rng.randrange(20, 35), rng.randrange(1, 13), rng.randrange(1, 29)), "JR"))
            elif r < 0.75:
                for _ in range(rng.randrange(1, 3)):
                    members.append((rng.choice(KIDS), last, date(y0 + rng.randrange(22, 38), rng.randrange(1, 13), rng.randrange(1, 29)), "K"))
        for f, l, bd, role in members:
            pid = len(persons)
            persons.append(dict(pid=pid, first=f, last=l, dob=bd, role=role, hh=hh,
                                email=personal_email(f, l.replace(" Jr.", "").replace(" Sr.", ""), bd) if rng.random() < 0.75 else "",
                                mobile=f"{hh['area']}{rng.randrange(200, 999)}{rng.randrange(0, 9999):04d}" if rng.random() < 0.65 else ""))

    def fmt_phone(d):
        if not d:
            return ""
        return rng.choice([f"({d[:3]}) {d[3:6]}-{d[6:]}", f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}", f"+1 {d[:3]} {d[3:6]} {d[6:]}", f"1{d}", d])

    def fmt_dob(d):
        if rng.random() < 0.18:
            return ""
        return rng.choice([d.isoformat(), d.strftime("%m/%d/%Y"), d.strftime("%-m/%-d/%Y"), d.strftime("%d %b %Y"), d.strftime("%b %d, %Y")])

    rows = []
    for p in persons:
        n = rng.choices([1, 2, 3], [0.35, 0.45, 0.20])[0]
        moved = dict(address=f"{rng.randrange(100, 9999)} {rng.choice(US_STREETS)}", zip=p["hh"]["zip"][:3] + f"{rng.randrange(0, 99):02d}") if rng.random() < 0.15 else None
        for k in range(n):
            hh = p["hh"]
            first, last = p["first"], p["last"]
            if k > 0 and first in US_NICK and rng.random() < 0.3:
                first = rng.choice(US_NICK[first])
            if k > 0 and rng.random() < 0.06:
                last = typo(rng, last)
            if last.endswith(" Jr.") or last.endswith(" Sr."):
                r = rng.random()
                if r < 0.35:
                    last = last[:-4]                       # suffix dropped
                elif r < 0.6:
                    first, last = first + " " + last[-3:-1], last[:-4]   # "Robert Jr", "Smith"
            if rng.random() < 0.08:
                first = first + " " + rng.choice("ABCDEJKLMRST") + "."   # middle initial
            src = rng.choice(["clinic_portal", "billing", "newsletter"])
            phone = rng.choice([p["mobile"], hh["landline"], hh["landline"] or p["mobile"], ""]) if k > 0 else (p["mobile"] or hh["landline"])
            email = p["email"]
            if hh["fam_email"] and rng.random() < 0.5:
                email = hh["fam_email"]
            if rng.random() < 0.12:
                email = ""
            if email and rng.random() < 0.1:
                email = email.upper()
            addr, zipc = hh["address"], hh["zip"]
            if moved and k > 0:
                addr, zipc = moved["address"], moved["zip"]
            if rng.random() < 0.2:
                addr += rng.choice([" Apt 2", " #3", ", Unit B", " Apt. 12"])
            addr = addr.replace("Street", "St") if rng.random() < 0.3 else addr
            d = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1200))
            rows.append((p["pid"], [first, last, fmt_dob(p["dob"]), email, fmt_phone(phone), addr, hh["city"], hh["state"], zipc, src, d.isoformat()]))
    rng.shuffle(rows)
    out, truth = [], []
    for i, (pid, r) in enumerate(rows):
        rid = f"P-{rng.randrange(10, 99)}{i:05d}"
        out.append([rid] + r)
        truth.append((rid, f"B{pid:05d}", f"H{persons[pid]['hh']['h']:04d}", persons[pid]["role"]))
    write(name, ["record_id", "first_name", "last_name", "date_of_birth", "email", "phone", "address", "city", "state", "zip", "source", "last_updated"], out, truth, ("household", "role"))
    return persons


# ----------------------------------------------------------------------------------------------
# C: non-English names – Chinese pinyin, Arabic transliterations, Indian naming conventions
# ----------------------------------------------------------------------------------------------
CN_FAMILY = {"Wang": ["Wong"], "Li": ["Lee"], "Zhang": ["Cheung", "Chang"], "Liu": ["Lau"], "Chen": ["Chan"], "Yang": ["Yeung"],
             "Huang": ["Wong"], "Zhao": ["Chiu"], "Wu": ["Ng"], "Zhou": ["Chow"], "Xu": ["Hsu"], "Sun": [], "Ma": [], "Zhu": ["Chu"],
             "Hu": [], "Guo": ["Kwok"], "He": ["Ho"], "Lin": ["Lam"], "Luo": ["Lo"], "Gao": ["Ko"]}
CN_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming",
            "Xiuying", "Xiaoming", "Jianguo", "Zhiwei", "Yuxuan", "Haoran", "Zihan", "Xinyi", "Jiahao", "Meiling", "Xiaohong"]
CN_ENGLISH = ["Kevin", "Amy", "Jason", "Cindy", "Tony", "Grace", "Eric", "Vivian", "Jack", "Lily"]
AR_GIVEN = {"Mohammed": ["Muhammad", "Mohamed", "Mohammad", "Mohamad", "Muhammed", "Mohd"], "Ahmed": ["Ahmad", "Ahmet"],
            "Abdulrahman": ["Abdul Rahman", "Abd al-Rahman", "Abdelrahman", "Abdul-Rahman"], "Youssef": ["Yousef", "Yusuf", "Yousif"],
            "Hussein": ["Hussain", "Husain", "Hossein"], "Khalid": ["Khaled"], "Omar": ["Umar"], "Fatima": ["Fatimah", "Fatma"],
            "Aisha": ["Aysha", "Ayesha", "Aicha"], "Maryam": ["Mariam", "Meryem"], "Abdullah": ["Abdallah", "Abdulla"],
            "Mustafa": ["Mostafa", "Moustafa"], "Saeed": ["Said", "Sayed", "Saeid"], "Hassan": ["Hasan"], "Ibrahim": ["Ebrahim"],
            "Nour": ["Noor", "Nur"], "Layla": ["Laila", "Leila"]}
AR_FAMILY = {"Al-Hassan": ["Alhassan", "El Hassan", "Al Hassan", "El-Hassan"], "Al-Rashid": ["Alrasheed", "Al Rashid", "Al-Rasheed"],
             "Abdel-Aziz": ["Abdelaziz", "Abd El Aziz", "Abdulaziz"], "Haddad": [], "Khoury": ["Khouri", "El Khoury", "El-Khoury"],
             "Mansour": ["Mansur", "Mansoor"], "Nasser": ["Nasir", "Naser"], "Saleh": ["Salih", "Salah"], "Hamdan": [],
             "Al-Farsi": ["Alfarsi", "Al Farsi"], "Othman": ["Osman", "Uthman"], "Ali": [], "Hussein": ["Hussain"], "Ahmed": ["Ahmad"],
             "Ibrahim": [], "Al-Sayed": ["El-Sayed", "Elsayed", "Al Sayed"], "Qasim": ["Kassem", "Qassem"], "Darwish": ["Darwiche"]}
IN_GIVEN = {"Venkatesh": ["Venkatesh"], "Srinivas": ["Shrinivas", "Srinivasa"], "Lakshmi": ["Laxmi", "Lakshmy"], "Priya": [],
            "Rajesh": [], "Suresh": [], "Ramesh": [], "Anil": [], "Sunil": [], "Deepak": ["Dipak"], "Pooja": ["Puja"],
            "Anjali": [], "Sai Krishna": ["Saikrishna", "Sai"], "Karthik": ["Karthick", "Kartik", "Karthikeyan"], "Vijay": [],
            "Arjun": [], "Mohammed Irfan": ["Mohd Irfan", "Irfan"], "Gurpreet": [], "Harpreet": []}
IN_FAMILY = {"Sharma": [], "Verma": [], "Gupta": [], "Patel": [], "Singh": [], "Kumar": [], "Reddy": ["Reddi"], "Rao": [],
             "Iyer": ["Iyyer"], "Nair": [], "Menon": [], "Pillai": ["Pillay"], "Krishnan": [], "Subramanian": ["Subramaniam", "Subramanyam"],
             "Venkataraman": ["Venkatraman"], "Chaudhary": ["Choudhary", "Chaudhari", "Chowdhury"], "Srivastava": ["Shrivastava"],
             "Agarwal": ["Aggarwal", "Agrawal"], "Bhattacharya": ["Bhattacharjee", "Bhattacharyya"], "Mukherjee": ["Mukerji"], "Kaur": []}
CITIES_C = {"CN": [("Beijing", ["Peking", "北京"]), ("Shanghai", []), ("Shenzhen", []), ("Guangzhou", ["Canton"]), ("Hong Kong", ["HK", "Hongkong"])],
            "AR": [("Dubai", []), ("Riyadh", ["Ar Riyadh", "Riyad"]), ("Jeddah", ["Jiddah", "Jedda"]), ("Cairo", ["Al Qahirah"]), ("Amman", [])],
            "IN": [("Mumbai", ["Bombay"]), ("Bengaluru", ["Bangalore"]), ("Chennai", ["Madras"]), ("Kolkata", ["Calcutta"]), ("New Delhi", ["Delhi"])],
            "XX": [("London", []), ("Toronto", []), ("Sydney", [])]}
CC = {"Beijing": "86", "Shanghai": "86", "Shenzhen": "86", "Guangzhou": "86", "Hong Kong": "852", "Dubai": "971", "Riyadh": "966",
      "Jeddah": "966", "Cairo": "20", "Amman": "962", "Mumbai": "91", "Bengaluru": "91", "Chennai": "91", "Kolkata": "91",
      "New Delhi": "91", "London": "44", "Toronto": "1", "Sydney": "61"}
COUNTRY = {"86": ["China", "CN", "PRC"], "852": ["Hong Kong", "HK"], "971": ["UAE", "United Arab Emirates"], "966": ["Saudi Arabia", "KSA", "SA"],
           "20": ["Egypt", "EG"], "962": ["Jordan", "JO"], "91": ["India", "IN"], "44": ["UK", "United Kingdom"], "1": ["Canada", "CA"], "61": ["Australia", "AU"]}


def gen_c(n_entities, seed, name):
    rng = random.Random(seed)
    people = []
    used = set()
    for e in range(n_entities):
        grp = rng.choices(["CN", "AR", "IN"], [0.36, 0.34, 0.30])[0]
        home = grp if rng.random() < 0.8 else "XX"
        city = rng.choice(CITIES_C[home])[0]
        if grp == "CN":
            fam = rng.choices(list(CN_FAMILY), weights=[20, 19, 18, 12, 11, 8, 7, 6, 6, 5, 4, 3, 3, 3, 3, 3, 3, 3, 2, 2])[0]
            giv = rng.choices(CN_GIVEN, weights=[15, 10, 8, 8, 8, 6, 5, 5, 5, 5, 5, 5, 5, 4] + [2] * 12)[0]
            eng = rng.choice(CN_ENGLISH) if rng.random() < 0.15 else ""
        elif grp == "AR":
            giv = rng.choices(list(AR_GIVEN), weights=[20, 10, 5, 5, 5, 5, 5, 6, 5, 5, 4, 3, 3, 4, 3, 2, 2])[0]
            fam = rng.choice(list(AR_FAMILY))
            eng = rng.choice(["Ahmed", "Ali", "Hassan", "Khalid", "Saleh"]) if rng.random() < 0.3 else ""  # father's name (patronymic)
        else:
            giv = rng.choice(list(IN_GIVEN))
            fam = rng.choices(list(IN_FAMILY), weights=[6, 3, 4, 6, 8, 8, 4, 4, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 1, 1, 3])[0]
            if giv in ("Gurpreet", "Harpreet"):
                fam = rng.choice(["Singh", "Kaur"])
            eng = rng.choice("RSKVMP") if rng.random() < 0.25 else ""  # South-Indian initial (father's name)
        by = rng.randrange(1950, 2003)
        dob = date(by, rng.randrange(1, 13), rng.randrange(1, 29))
        dob_unknown = grp != "CN" and rng.random() < 0.12   # registries record 1 Jan when only the year is known
        cc = CC[city]
        if cc == "86":
            mob = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
        elif cc == "91":
            mob = rng.choice("6789") + "".join(rng.choice("0123456789") for _ in range(9))
        elif cc in ("971", "966"):
            mob = "5" + "".join(rng.choice("0123456789") for _ in range(8))
        elif cc == "20":
            mob = "1" + rng.choice("0125") + "".join(rng.choice("0123456789") for _ in range(8))
        elif cc == "1":
            mob = "416" + "".join(rng.choice("0123456789") for _ in range(7))
        else:
            mob = rng.choice(["7", "4"]) + "".join(rng.choice("0123456789") for _ in range(8 if cc != "44" else 9))
        f, l = strip(giv).lower().replace(" ", ""), strip(fam).lower().replace(" ", "").replace("-", "")
        if grp == "CN" and rng.random() < 0.45:
            local, dom = str(rng.randrange(10000000, 3999999999)), "qq.com"
        else:
            local = rng.choice([f"{f}.{l}", f"{f}{l}{by % 100:02d}", f"{l}.{f}", f"{f}{rng.randrange(100, 9999)}", f"{f[0]}{l}", f"{f}_{l}"])
            dom = rng.choice({"CN": ["163.com", "126.com", "gmail.com", "sina.com"], "AR": ["gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"],
                              "IN": ["gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"]}[grp])
        em = f"{local}@{dom}"
        while em in used:
            em = f"{local}{rng.randrange(10, 99)}@{dom}"
        used.add(em)
        people.append(dict(e=e, grp=grp, giv=giv, fam=fam, eng=eng, dob=dob, dob_unknown=dob_unknown, city=city, home=home, cc=cc, mob=mob, email=em))

    def variant(rng, v, table, p=0.35):
        alts = table.get(v, [])
        return rng.choice(alts) if alts and rng.random() < p else v

    def render(p, first_record):
        grp = p["grp"]
        giv, fam = p["giv"], p["fam"]
        if grp == "CN":
            if giv in ("Xiaoming", "Xiuying", "Jianguo", "Zhiwei", "Yuxuan", "Haoran", "Zihan", "Xinyi", "Jiahao", "Meiling", "Xiaohong") and rng.random() < 0.3:
                k = 3 if giv[:3] in ("Xia", "Jia", "Zhi", "Zih", "Hao", "Yux", "Xin", "Mei", "Jian") else 2
                cut = {"Xiaoming": 4, "Xiuying": 3, "Jianguo": 4, "Zhiwei": 3, "Yuxuan": 2, "Haoran": 3, "Zihan": 2, "Xinyi": 3, "Jiahao": 3, "Meiling": 3, "Xiaohong": 4}[giv]
                sep = rng.choice([" ", "-"])
                giv = giv[:cut] + sep + giv[cut].upper() + giv[cut + 1:] if sep == " " else giv[:cut] + "-" + giv[cut:]
            if rng.random() < 0.06:
                fam = variant(rng, fam, CN_FAMILY, 1.0)
            if p["eng"] and rng.random() < 0.5:
                giv = p["eng"] if rng.random() < 0.6 else f"{p['eng']} {giv}"
            if rng.random() < 0.3:
                fam = fam.upper()
            if rng.random() < 0.15:
                giv, fam = fam, giv        # family name entered in the first field (name order)
        elif grp == "AR":
            giv = variant(rng, giv, AR_GIVEN, 0.45)
            fam = variant(rng, fam, AR_FAMILY, 0.4)
            if p["eng"] and rng.random() < 0.4:
                r = rng.random()
                if r < 0.5:
                    giv = f"{giv} {p['eng']}"
                else:
                    fam = f"{p['eng']} {fam}"
            if rng.random() < 0.08:
                giv, fam = fam, giv
        else:
            giv = variant(rng, giv, IN_GIVEN, 0.3)
            fam = variant(rng, fam, IN_FAMILY, 0.3)
            if p["eng"]:
                r = rng.random()
                if r < 0.4:
                    giv = f"{p['eng']}. {giv}"
                elif r < 0.6:
                    giv, fam = giv, f"{p['eng']}."     # initial as surname
            if rng.random() < 0.04:
                fam = rng.choice(["LNU", ".", ""])     # last name unknown
        if rng.random() < 0.04:
            giv = typo(rng, giv)
        # dob
        d = p["dob"]
        if p["dob_unknown"]:
            dob = rng.choice([f"01/01/{d.year}", f"{d.year}-01-01", ""])
        else:
            r = rng.random()
            dob = "" if r < 0.15 else rng.choice([d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%Y/%m/%d").replace("/0", "/"), d.strftime("%d.%m.%Y"), d.strftime("%d-%b-%Y")])
        # email
        email = p["email"] if rng.random() < 0.8 else ""
        if email and rng.random() < 0.1:
            email = email.upper()
        # phone
        cc, mob = p["cc"], p["mob"]
        r = rng.random()
        if r < 0.12:
            phone = ""
        elif r < 0.55:
            phone = rng.choice([f"+{cc} {mob[:3]} {mob[3:7]} {mob[7:]}", f"+{cc}{mob}", f"00{cc}-{mob}", f"({cc}) {mob}"])
        else:
            trunk = "" if cc in ("86", "852", "1") else "0"
            phone = rng.choice([f"{trunk}{mob}", f"{trunk}{mob[:3]}-{mob[3:7]}-{mob[7:]}", f"{trunk}{mob[:2]} {mob[2:5]} {mob[5:]}"])
        city = p["city"]
        for c, alts in CITIES_C[p["home"]]:
            if c == city and alts and rng.random() < 0.3:
                city = rng.choice(alts)
        if rng.random() < 0.1:
            city = city.upper()
        country = rng.choice(COUNTRY[cc])
        src = rng.choice(["intl_signup", "kyc_branch", "partner_feed"])
        return [giv, fam, dob, email, phone, city, country, src]

    rows = []
    for p in people:
        n = rng.choices([1, 2, 3, 4], [0.35, 0.40, 0.18, 0.07])[0]
        for k in range(n):
            rows.append((p["e"], render(p, k == 0)))
    rng.shuffle(rows)
    out, truth = [], []
    for i, (e, r) in enumerate(rows):
        rid = f"C{i:04d}-{rng.randrange(1000, 9999)}"
        out.append([rid] + r)
        truth.append((rid, f"C{e:05d}", people[e]["grp"]))
    write(name, ["record_id", "given_name", "family_name", "date_of_birth", "email", "mobile", "city", "country", "source"], out, truth, ("name_group",))


if __name__ == "__main__":
    gen_a(560, 20240611, "a_crm_merge")
    gen_b(205, 777, "b_households")
    gen_c(470, 31337, "c_intl")
    gen_a(2900, 99, "a_crm_merge_large")
