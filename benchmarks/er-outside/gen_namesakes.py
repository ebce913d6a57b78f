#!/usr/bin/python3
"""Generator for an entity-resolution set of namesakes (fixed seed, no network): many different people share a common
first and last name in one city, each with an e-mail address of one pattern (maria.garcia14394@gmail.com: the name
and a number the provider made them add), their own phone and street address; a quarter of them appear again with
the noise of a second system (blank e-mail or phone, a phone written another way, street words abbreviated, a typo
in a name, a move). Written after an outside tester's report of different Maria Garcias chained into one golden
record; the tester's own generator was not available, so this one follows its description (id, first_name,
last_name, email, phone, address, city; ~4,200 distinct names; 25 % noisy duplicates), nothing of the customer
generator of ../shared/anchors/analysis.

Writes data/d_namesakes.csv (record_id, first_name, last_name, email, phone, address, city) and its truth twice:
data/d_namesakes_truth.csv (record_id, entity_id; score_er.py's form) and data/d_namesakes.csv.truth.csv (row_num,
entity_id; the form `Agensium.Benchmarks.Analysis er` reads: the golden-record report lists 1,000 clusters, too few to
score a file of this size). argv[1] = number of people (default 16,000), argv[2] = set name.
"""
import csv, os, random, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(os.environ.get("ER_OUTSIDE_DIR", os.path.join(ROOT, ".local", "er-outside")), "data")
os.makedirs(OUT, exist_ok=True)

FIRST = ["Maria", "Jose", "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
         "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew",
         "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Mary", "Patricia",
         "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty",
         "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa",
         "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Ana"]
LAST = ["Garcia", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
        "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
        "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
        "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers",
        "Gutierrez", "Ortiz", "Morgan", "Cooper"]
CITIES = [("Houston", "713"), ("Houston", "281"), ("Dallas", "214"), ("San Antonio", "210"), ("Austin", "512"),
          ("El Paso", "915")]
STREETS = ["Oak", "Palm", "Westheimer", "Main", "Maple", "Cedar", "Elm", "Pine", "Washington", "Lake", "Hill",
           "Park", "Sunset", "Bellaire", "Richmond", "Kirby", "Memorial", "Bissonnet", "Shepherd", "Fannin"]
KINDS = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"), ("Lane", "Ln")]
DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com"]


def typo(rng, s):
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 2)
    k = rng.random()
    if k < 0.4:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if k < 0.7:
        return s[:i] + s[i + 1:]
    return s[:i] + s[i] + s[i:]


def main():
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 16000
    name = sys.argv[2] if len(sys.argv) > 2 else "d_namesakes"
    rng = random.Random(4711)
    # Common names are common: first and last names drawn with a Zipf-like skew, so "Maria Garcia" recurs.
    fw = [1 / (i + 1) ** 0.9 for i in range(len(FIRST))]
    lw = [1 / (i + 1) ** 0.9 for i in range(len(LAST))]
    used = set()
    persons = []
    for pid in range(people):
        first, last = rng.choices(FIRST, fw)[0], rng.choices(LAST, lw)[0]
        f, l = first.lower(), last.lower()
        while True:
            local = rng.choice([f"{f}.{l}{rng.randrange(100, 99999)}", f"{f}{l}{rng.randrange(10, 9999)}",
                                f"{f[0]}{l}{rng.randrange(10, 9999)}", f"{f}_{l}{rng.randrange(1, 999)}"])
            email = f"{local}@{rng.choice(DOMAINS)}"
            if email not in used:
                used.add(email)
                break
        city, area = rng.choice(CITIES)
        phone = f"{area}{rng.randrange(200, 999)}{rng.randrange(10000):04d}" if rng.random() < 0.8 else ""
        street = (rng.randrange(1, 9999), rng.choice(STREETS), rng.choice(KINDS))
        persons.append(dict(pid=pid, first=first, last=last, email=email if rng.random() < 0.92 else "", phone=phone,
                            street=street, city=city))

    def fmt_phone(d):
        if not d:
            return ""
        return rng.choice([f"+1 {d[:3]} {d[3:6]} {d[6:]}", f"({d[:3]}) {d[3:6]}-{d[6:]}", f"{d[:3]}-{d[3:6]}-{d[6:]}", d])

    def fmt_street(s, short):
        n, word, kind = s
        return f"{n} {word} {kind[1] if short else kind[0]}"

    rows = []
    for p in persons:
        copies = 1 + (rng.random() < 0.25) + (rng.random() < 0.03)
        for k in range(copies):
            first, last, email, phone, street = p["first"], p["last"], p["email"], p["phone"], p["street"]
            short = False
            if k > 0:
                r = rng.random
                first = typo(rng, first) if r() < 0.08 else first
                last = typo(rng, last) if r() < 0.08 else last
                first = first.upper() if r() < 0.05 else first
                email = "" if r() < 0.3 else (email.upper() if r() < 0.05 else email)
                phone = "" if r() < 0.3 else phone
                short = r() < 0.5
                if r() < 0.1:
                    street = (rng.randrange(1, 9999), rng.choice(STREETS), rng.choice(KINDS))
            rows.append((p["pid"], [first, last, email, fmt_phone(phone), fmt_street(street, short), p["city"]]))
    rng.shuffle(rows)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="", encoding="utf-8") as f, \
            open(os.path.join(OUT, name + "_truth.csv"), "w", newline="", encoding="utf-8") as t, \
            open(os.path.join(OUT, name + ".csv.truth.csv"), "w", newline="", encoding="utf-8") as n:
        w, wt, wn = csv.writer(f), csv.writer(t), csv.writer(n)
        w.writerow(["record_id", "first_name", "last_name", "email", "phone", "address", "city"])
        wt.writerow(["record_id", "entity_id"])
        wn.writerow(["row_num", "entity_id"])
        for i, (pid, row) in enumerate(rows):
            w.writerow([f"N{i:06d}"] + row)
            wt.writerow([f"N{i:06d}", f"D{pid:06d}"])
            wn.writerow([i + 1, f"D{pid:06d}"])
    print(name, len(rows), "rows", people, "people", len({(p["first"], p["last"]) for p in persons}), "names")


if __name__ == "__main__":
    main()
