import json, sys, csv, itertools, collections, glob
inp, outdir = sys.argv[1], sys.argv[2]
truth = json.load(open(inp.replace('.csv','_truth.json')))
rows = list(csv.DictReader(open(inp, encoding='utf-8')))
IDC=list(rows[0].keys())[0]
d = json.load(open(outdir+'/master_my_data_analysis.json'))
ar = d['agent_results']
maps = {m['target_column']: m['source_column'] for m in ar.get('semantic-mapper',{}).get('data',{}).get('column_mappings',[])}
sk = [maps.get(c,c) for c in ar['survivorship-resolver']['data']['parameters']['match_key_columns']]
NULLS={'','n/a','null','nan','none'}
# reconstruct survivorship clusters (first appearance order)
order=[]; groups={}
if ar['survivorship-resolver']['data']['matching_mode']!='exact': print("WARN surv fuzzy")
for i,r in enumerate(rows):
    key=tuple(r[c].strip() for c in sk)
    if not sk or all(k.lower() in NULLS for k in key): order.append([i]); continue
    if key in groups: order[groups[key]].append(i)
    else: groups[key]=len(order); order.append([i])
surv = order
assert len(surv)==ar['survivorship-resolver']['summary_metrics']['clusters'], (len(surv), ar['survivorship-resolver']['summary_metrics'])
clusters=[]
for c in ar['golden-record-builder']['data']['clusters']:
    mem=[]
    for ix in c['row_indexes']: mem+=surv[ix]
    clusters.append(mem)
assert sum(len(c) for c in clusters)==len(rows)
pred=set(); 
for c in clusters:
    for a,b in itertools.combinations(sorted(c),2): pred.add((a,b))
byent=collections.defaultdict(list)
for i,r in enumerate(rows): byent[truth[r[IDC]]].append(i)
true=set()
for m in byent.values():
    for a,b in itertools.combinations(sorted(m),2): true.add((a,b))
tp=len(pred&true); P=tp/len(pred) if pred else float('nan'); R=tp/len(true)
print(f"rows={len(rows)} entities={len(byent)} golden={len(clusters)} pred_pairs={len(pred)} true_pairs={len(true)} TP={tp} P={P:.3f} R={R:.3f}")
# wrong merges: clusters containing >1 entity
wrong=[c for c in clusters if len({truth[rows[i][IDC]] for i in c})>1]
print("clusters with >1 true entity:", len(wrong), " rows in them:", sum(len(c) for c in wrong))
for c in wrong[:int(sys.argv[3]) if len(sys.argv)>3 else 4]:
    for i in c: r=rows[i]; print("   ",truth[r[IDC]], ' | '.join(list(r.values())[:8]))
    print()
# mastered csv check
m=glob.glob(outdir+'/*_mastered_*.csv')[0]
mr=list(csv.DictReader(open(m,encoding='utf-8')))
print("mastered rows", len(mr), "sum __source_count__", sum(int(x['__source_count__']) for x in mr))
# false pair breakdown
cat=collections.Counter()
for a,b in pred-true:
    ra,rb=rows[a],rows[b]
    cat[('same city' if ra.get('city')==rb.get('city') else 'different city') if 'city' in ra else 'x']+=1
print("false pairs by kind:", dict(cat))
