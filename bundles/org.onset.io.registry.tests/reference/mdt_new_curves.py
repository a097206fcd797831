#!/usr/bin/env python3
"""Expected values for MdtGaAsMapTest, computed apart from the Java reader.

Reads the new-style curves frame (type 190) of an NT-MDT .mdt file with numpy and regular
expressions, after the layout in bundles/org.onset.io.spm/MDT.md, and prints counts, axis ends,
positions, extremes and some values. Usage: python3 mdt_new_curves.py ../shared/testdata/.../GaAs_map.mdt
"""
import re
import struct
import sys

import numpy as np

data = open(sys.argv[1], 'rb').read()
at = 33
for _ in range(struct.unpack_from('<H', data, 12)[0] + 1):
    size, kind = struct.unpack_from('<IH', data, at)
    if kind == 190:
        break
    at += size
else:
    sys.exit('no frame of type 190')

# block table: count, (name length, content length) pairs, names, contents
p = at + 22
count = struct.unpack_from('<I', data, p)[0]
table = np.frombuffer(data, '<u4', 2 * count, p + 4).reshape(count, 2)
p += 4 + 8 * count
names = []
for name_len in table[:, 0]:
    names.append(data[p:p + name_len].decode('utf-8'))
    p += int(name_len)
blocks = {}
for name, length in zip(names, table[:, 1]):
    blocks.setdefault(name, (p, int(length)))
    p += int(length)
assert p == at + size, (p, at + size)

start, length = blocks['index.xml']
xml = data[start:start + length].decode('utf-8')


def elements(tag):
    found = [dict(re.findall(r'(\w+)="([^"]*)"', a)) for a in re.findall('<' + tag + r'\s([^>]*?)/>', xml)]
    return sorted(found, key=lambda e: int(e['index']))


signals, axes, datas, meas, points = (elements(t) for t in ('Name', 'Axis', 'Data', 'Meas', 'Point'))
axis = axes[0]
n = int(axis['count'])
ends = sorted([float(axis['start']), float(axis['stop'])])
x = np.linspace(ends[0], ends[1], n)  # from the smaller end, both ends included
print('points', len(points), 'curves', len(meas), 'values per curve', n)
print('x', signals[int(axis['name'])]['name'], signals[int(axis['name'])]['unit'], repr(x[0]), repr(x[-1]))

curves = []  # (point, pass, backward, values in nA)
for k, pt in enumerate(points):
    start, length = blocks[pt['name']]
    per_point = int(pt['meas']) * int(pt['exec'])
    idx = np.frombuffer(data, '<u4', 2 * per_point, start + int(pt['offset']))
    for e in range(per_point):
        for backward in (0, 1):
            m = meas[idx[backward * per_point + e]]
            d = datas[int(m['data'])]
            assert d['type'] == 'float64'
            s, _ = blocks[d['name']]
            v = np.frombuffer(data, '<f8', int(d['count']), s + 8 * int(d['offset'])).copy()
            if int(m['inverse0']) & 1:
                v = v[::-1]
            curves.append((k, e, backward, v))
print('y unit', signals[int(meas[0]['name'])]['unit'])
everything = np.array([c[3] for c in curves])
print('all curves: min %r max %r' % (everything.min(), everything.max()))
for k in (0, 1, 149):
    pt, e, b, v = curves[k]
    print('curve %d: point %d pass %d %s first %r last %r min %r max %r at %d'
          % (k, pt, e + 1, 'backward' if b else 'forward', v[0], v[-1], v.min(), v.max(), int(v.argmax())))

# the map of pass 1 forward: columns by x, rows by y, both ascending
px = np.array([float(pt['x']) for pt in points])
py = np.array([float(pt['y']) for pt in points])
xs, ys = np.unique(px), np.unique(py)
print('grid', len(xs), 'x', len(ys), 'x um', repr(xs[0]), repr(xs[-1]), 'y um', repr(ys[0]), repr(ys[-1]))
first = {c[0]: c[3] for c in curves if c[1] == 0 and c[2] == 0}
cells = [first[int(np.where((px == xv) & (py == yv))[0][0])] for yv in ys for xv in xs]
grid = np.array(cells)
print('map 1F: min %r max %r' % (grid.min(), grid.max()))
for r, c in ((0, 0), (2, 3), (4, 4)):
    v = grid[r * len(xs) + c]
    print('map cell row %d col %d: first %r value 293 %r last %r' % (r, c, v[0], v[293], v[-1]))
