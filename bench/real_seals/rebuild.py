"""Rebuild the image folder of manifest.csv from the repositories it names (see README.md).

    .venv/bin/python bench/real_seals/rebuild.py FOLDER

For every row without ``derive``: ``git show <commit>:<source_path>`` from the repository's copy
under /work/.mirror (the library's ``fetch``: owner+name/repo[/.git]); rows named ``wild_*`` are
copied from ../shared/wild/images. Rows it cannot find are listed; nothing is downloaded.
"""
import csv, subprocess, pathlib, shutil, sys
out = pathlib.Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
mir = pathlib.Path('/work/.mirror'); wild = pathlib.Path('../shared/wild/images')
ok=miss=0
for row in csv.DictReader(open('bench/real_seals/manifest.csv')):
    if row['derive'] or (out/row['file']).exists(): continue
    if row['file'].startswith('wild_'):
        src = wild/row['file'][5:]
        if src.exists(): shutil.copy(src, out/row['file']); ok+=1; continue
    repo = mir/row['source_repo'].replace('/','+')
    gits = [repo/'repo'/'.git', repo/'repo'] 
    done=False
    for g in gits:
        if not g.exists(): continue
        r = subprocess.run(['git','--git-dir',str(g),'show',f"{row['commit']}:{row['source_path']}"],capture_output=True)
        if r.returncode==0:
            (out/row['file']).write_bytes(r.stdout); ok+=1; done=True; break
    if not done: miss+=1; print('missing', row['id'], row['file'], row['source_repo'])
print(ok, 'written', miss, 'missing')
