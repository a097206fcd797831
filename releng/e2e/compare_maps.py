#!/usr/bin/python3
"""Compare two Onset map files pixel by pixel (used by map-resume-test.sh).

Equal means: the same pixels written; per pixel the same onset bias and current at end (bit for
bit), rule, termination, cutoff sample index and sample count; bias and current curves bit for bit;
height change and height curves (relative to their first sample) within one Z ADC step. Why not
heights to the bit: the simulated sample forgets the Li grown before a crash, so the absolute
height under the tip next to earlier particles differs after a resume, and quantizing a different
absolute height can move a difference by one ADC step. The physics of the ramp is the same.
Prints one line per check and exits 1 on the first difference. --except-aborted leaves out the
(at most one) pixel the first file stores as ABORTED: the pixel an interrupt cut short.
"""
import sys
import h5py
import numpy as np


def curve(f, channel, p):
    enc = int(f["Curves"][channel + "_encoding"][p])
    n = int(f["Pixels/sample_count"][p])
    off = int(f["Curves"][channel + "_offset"][p])
    if enc == 0:
        return None
    kind = {1: "int16", 2: "float32", 3: "float64"}[enc]
    ds = f["Curves"][channel + "_" + kind]
    values = ds[off:off + n].astype(np.float64)
    if enc == 1:
        values = values * float(ds.attrs["scale_factor"]) + float(ds.attrs.get("add_offset", 0.0))
    return values


def main(a_path, b_path, except_aborted=False):
    with h5py.File(a_path, "r") as fa, h5py.File(b_path, "r") as fb:
        a, b = fa["Measurement_000"], fb["Measurement_000"]
        wa = a["Pixels/written"][:] == 1
        wb = b["Pixels/written"][:] == 1
        if not np.array_equal(wa, wb):
            print(f"written pixels differ: {wa.sum()} vs {wb.sum()}")
            return 1
        if except_aborted:
            # an interrupt stores the pixel in flight as ABORTED (its spot was stressed, so resume
            # does not measure it again): compare every other pixel
            term = np.array([t.decode() if isinstance(t, bytes) else str(t) for t in a["Pixels/termination"][:]])
            aborted = np.flatnonzero(wa & (np.char.strip(term.astype(str)) == "ABORTED"))
            if len(aborted) > 1:
                print(f"{len(aborted)} ABORTED pixels {list(aborted)}: one interrupt aborts at most one")
                return 1
            wa = wa & ~np.isin(np.arange(len(wa)), aborted)
            print(f"ABORTED pixel(s) left out of the comparison: {list(aborted)}")
        pix = np.flatnonzero(wa)
        print(f"written pixels: {len(pix)} in both")
        z_step = float(a["Curves"].attrs["height_resolution"])
        for ch, atol in (("Channel_000", 0.0), ("Channel_001", 0.0), ("Channel_002", z_step * 1.000001)):
            x = a[ch]["Raw_Data"][:, 0][pix]
            y = b[ch]["Raw_Data"][:, 0][pix]
            if not np.allclose(x, y, rtol=0, atol=atol, equal_nan=True):
                diff = np.where(np.isnan(x) & np.isnan(y), 0.0, np.abs(x - y))
                diff = np.where(np.isnan(diff), np.inf, diff)
                worst = int(np.argmax(diff))
                print(f"{ch} differs at {int((diff > atol).sum())} pixels, worst pixel {pix[worst]}: "
                      f"{x[worst]} vs {y[worst]}")
                return 1
            print(f"{ch} ({a[ch]['Raw_Data'].attrs['quantity']}): identical" + (f" within {atol} m" if atol else ""))
        for name in ("rule", "termination", "cutoff_sample_index", "sample_count"):
            if not np.array_equal(a["Pixels"][name][:][pix], b["Pixels"][name][:][pix]):
                print(f"Pixels/{name} differs")
                return 1
            print(f"Pixels/{name}: identical")
        for p in pix:
            for ch in ("bias", "current"):
                if not np.array_equal(curve(a, ch, p), curve(b, ch, p)):
                    print(f"{ch} curve of pixel {p} differs")
                    return 1
            ha, hb = curve(a, "height", p), curve(b, "height", p)
            if ha is not None and not np.allclose(ha - ha[0], hb - hb[0], rtol=0, atol=z_step * 1.000001):
                print(f"height curve of pixel {p} differs (relative to its start)")
                return 1
        print(f"bias, current and relative height curves of {len(pix)} pixels: identical")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--except-aborted"]
    sys.exit(main(args[0], args[1], "--except-aborted" in sys.argv))
