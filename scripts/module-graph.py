#!/usr/bin/env python3
"""Prints which features of app/src import which others, and any import circles between them.
A feature is a folder of app/src; shared modules (kit, db, error, list, components, ...) are
left out. Run from the repository root: python3 scripts/module-graph.py"""
import os, re, itertools, sys

root = "app/src"
features = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))
                  and d not in ("kit", "db"))
edges = {f: set() for f in features}
for f in features:
    for dirpath, _, files in os.walk(os.path.join(root, f)):
        for name in files:
            text = open(os.path.join(dirpath, name)).read()
            for g in features:
                if g != f and re.search(rf"crate::{g}::", text):
                    edges[f].add(g)

def reach(a, b, seen=()):
    return b in edges[a] or any(reach(c, b, seen + (a,)) for c in edges[a] if c not in seen)

for f in features:
    if edges[f]:
        print(f"{f} -> {', '.join(sorted(edges[f]))}")
circles = sorted({tuple(sorted((a, b))) for a in features for b in edges[a] if reach(b, a)})
print(f"circles: {len(circles)}" + "".join(f"\n  {a} <-> {b}" for a, b in circles))
sys.exit(1 if circles and "--check" in sys.argv else 0)
