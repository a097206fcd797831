"""Checks an Onset map file from Python (h5py) the way an outside user would see it.

Usage: check_usid.py FILE
Checks pyUSID's "Main dataset" rules for the three scalar maps, the ancillary datasets, pyUSID's
book-keeping attributes (timestamp, machine_id, platform, onset_version) on the measurement group
and the main datasets, and the ragged curve storage (offsets, lengths, encodings). Prints
    BOOKKEEPING timestamp=<...> machine_id=<...> onset_version=<...>
and one line per stored pixel:
    CURVE <index> <samples> <sha256 of time|bias|current|height as little-endian float64>
and a last line "OK ..." (exit 0), or "FAIL: reason" (exit 1).
"""
import hashlib
import sys
import time

import h5py
import numpy as np

MAIN = [("Channel_000", "Onset bias", "V"),
        ("Channel_001", "Current at end", "A"),
        ("Channel_002", "Height change at end", "m")]
ANCILLARY = {"Position_Indices": (np.uint32, "pos"), "Position_Values": (np.float32, "pos"),
             "Spectroscopic_Indices": (np.uint32, "spec"), "Spectroscopic_Values": (np.float32, "spec")}
BOOKKEEPING = ("timestamp", "machine_id", "platform", "onset_version")
ENCODING = {0: None, 1: "int16", 2: "float32", 3: "float64", 4: "index_over_rate", 5: "index_times_period"}


class Fail(Exception):
    pass


def need(cond, what):
    if not cond:
        raise Fail(what)


def text(v):
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def check_bookkeeping(obj):
    """pyUSID's write_book_keeping_attrs: text attributes, timestamp as year_month_day-hour_minute_second."""
    values = {}
    for name in BOOKKEEPING:
        need(name in obj.attrs, "%s has no %s attribute" % (obj.name, name))
        values[name] = text(obj.attrs[name])
        need(values[name].strip() != "", "%s@%s is empty" % (obj.name, name))
    try:
        time.strptime(values["timestamp"], "%Y_%m_%d-%H_%M_%S")
    except ValueError:
        raise Fail("%s@timestamp '%s' is not year_month_day-hour_minute_second" % (obj.name, values["timestamp"]))
    return values


def check_main(f, group, quantity, units, n_pos):
    path = "/Measurement_000/%s/Raw_Data" % group
    need(path in f, "missing main dataset " + path)
    ds = f[path]
    need(ds.ndim == 2 and ds.shape == (n_pos, 1), "%s shape %s, want (%d, 1)" % (path, ds.shape, n_pos))
    need(np.issubdtype(ds.dtype, np.floating), path + " is not floating point")
    need(text(ds.attrs["quantity"]) == quantity, path + " quantity " + text(ds.attrs["quantity"]))
    need(text(ds.attrs["units"]) == units, path + " units " + text(ds.attrs["units"]))
    for name, (dtype, kind) in ANCILLARY.items():
        ref = ds.attrs.get(name)
        need(isinstance(ref, h5py.Reference), "%s@%s is not an object reference" % (path, name))
        anc = f[ref]
        need(anc.name == "/Measurement_000/" + name, "%s@%s points to %s" % (path, name, anc.name))
        need(anc.dtype == dtype, "%s dtype %s, want %s" % (anc.name, anc.dtype, np.dtype(dtype)))
        labels = [text(x) for x in anc.attrs["labels"]]
        unit_list = [text(x) for x in anc.attrs["units"]]
        if kind == "pos":
            need(anc.shape == (n_pos, 2), "%s shape %s" % (anc.name, anc.shape))
            need(labels == ["X", "Y"] and unit_list == ["m", "m"], anc.name + " labels/units")
        else:
            need(anc.shape == (1, ds.shape[1]), "%s shape %s" % (anc.name, anc.shape))
            need(len(labels) == 1 and len(unit_list) == 1, anc.name + " labels/units")
    need(check_bookkeeping(ds) == check_bookkeeping(f["/Measurement_000"]),
         path + " book-keeping attributes differ from the measurement group's")
    return ds


def decode(curves, name, enc, offset, n, rate):
    kind = ENCODING[enc]
    if kind is None:
        return None
    if kind == "index_over_rate":
        return np.arange(n, dtype=np.float64) / rate
    if kind == "index_times_period":
        return np.arange(n, dtype=np.float64) * (1.0 / rate)
    ds = curves["%s_%s" % (name, kind)]
    need(0 <= offset and offset + n <= ds.shape[0],
         "%s offset %d + %d beyond %d" % (ds.name, offset, n, ds.shape[0]))
    stored = ds[offset:offset + n]
    if kind == "int16":
        need(ds.attrs["add_offset"] == 0.0, ds.name + " add_offset")
        return stored.astype(np.float64) * ds.attrs["scale_factor"]
    return stored.astype(np.float64)


def main(path):
    with h5py.File(path, "r") as f:
        need(text(f.attrs["onset_format"]) == "onset-map", "not an Onset map")
        m = f["/Measurement_000"]
        nx, ny = int(m.attrs["grid_nx"]), int(m.attrs["grid_ny"])
        n_pos = nx * ny
        mains = [check_main(f, *spec, n_pos) for spec in MAIN]
        book = check_bookkeeping(m)
        ind = f["/Measurement_000/Position_Indices"][()]
        need((ind[:, 0] == np.arange(n_pos) % nx).all() and (ind[:, 1] == np.arange(n_pos) // nx).all(),
             "position indices are not x-fastest")
        pix = f["/Measurement_000/Pixels"]
        written = pix["written"][()] == 1
        for ds in mains:
            v = ds[:, 0]
            need(np.isnan(v[~written]).all(), ds.name + " has values for pixels not written")
        curves = f["/Measurement_000/Curves"]
        counts = pix["sample_count"][()]
        rates = pix["sample_rate"][()]
        used = {}
        lines = []
        for p in np.flatnonzero(written):
            n = int(counts[p])
            arrays = []
            for name in ("time", "bias", "current", "height"):
                enc = int(curves[name + "_encoding"][p])
                off = int(curves[name + "_offset"][p])
                a = decode(curves, name, enc, off, n, rates[p])
                need(name == "height" or a is not None, "pixel %d has no %s" % (p, name))
                if a is not None and ENCODING[enc] in ("int16", "float32", "float64"):
                    used.setdefault((name, enc), []).append((off, off + n))
                arrays.append(a)
            h = hashlib.sha256()
            for a in arrays:
                if a is not None:
                    h.update(a.astype("<f8").tobytes())
            lines.append("CURVE %d %d %s" % (p, n, h.hexdigest()))
        for key, spans in used.items():
            spans.sort()
            for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
                need(a1 <= b0, "curves overlap in %s_%s: [%d,%d) and [%d,%d)" % (key[0], ENCODING[key[1]], a0, a1, b0, b1))
        print("BOOKKEEPING timestamp=%s machine_id=%s onset_version=%s"
              % (book["timestamp"], book["machine_id"], book["onset_version"]))
        print("\n".join(lines))
        print("OK %d main datasets, %d of %d pixels stored, %d curve datasets used"
              % (len(mains), int(written.sum()), n_pos, len(used)))


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Fail as e:
        print("FAIL: " + str(e))
        sys.exit(1)
    except (KeyError, ValueError, TypeError, OSError) as e:  # a missing or malformed part
        print("FAIL: %s: %s" % (type(e).__name__, e))
        sys.exit(1)
