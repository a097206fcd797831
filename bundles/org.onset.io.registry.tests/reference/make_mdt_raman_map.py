"""Byte-built NT-MDT .mdt with one 3D MDA frame, after the layout in bundles/org.onset.io.spm/MDT.md
(Spectra2DFullSpectrum order, the Raman-shift axis as a second measurand): 100 x 100 spectra of 300
channels (2500-3200 cm^-1) on 2 um steps from (0, 0), a band at 2850 cm^-1 on a disc around pixel
(37, 62). Not a real instrument file. Used for a manual check of the Spectroscopy perspective: run
releng/ui-spectroscopy-test.sh's workbench with -Donset.ui.spectroscopy.selftest.map=THIS_FILE
(its self-test clicks pixel (37, 62) and expects 2 um steps; its wavelength step fails, as the file
has no laser wavelength). Usage: python3 make_mdt_raman_map.py OUT.mdt"""
import struct, sys
import numpy as np
nx, ny, nz = 100, 100, 300
shift = np.linspace(2500, 3200, nz).astype('<f4')
rng = np.random.default_rng(20261206)
yy, xx = np.mgrid[0:ny, 0:nx]
disc = ((xx - 37) ** 2 + (yy - 62) ** 2) < 12 ** 2
band = np.exp(-0.5 * ((shift - 2850) / 30) ** 2)
cube = (100 + 0.05 * (shift - 2500))[None, None, :] + 400 * disc[:, :, None] * band[None, None, :]
cube = (cube + rng.normal(0, 3, cube.shape)).astype('<f4')

def cal(unit, bias, scale, lo, hi, dtype):
    u = unit.encode()
    s = struct.pack('<IIIQdQddQQiI', len(u), 0, len(u), 1, 0.0, 0, bias, scale, lo, hi, dtype, 0)
    s = s.ljust(112, b'\0')
    return struct.pack('<II', 8 + 112 + 2 * len(u), 112) + s + u + u

name = b'Raman map (byte-built)'
comment = ('<?xml version="1.0"?><FrameComment><Parameters><FrameType>Spectra2DFullSpectrum</FrameType>'
           '</Parameters></FrameComment>').encode('utf-16-le')
cals = cal('', 0, 1, 0, nz - 1, 0) + cal('um', 0, 2, 0, nx - 1, 0) + cal('um', 0, 2, 0, ny - 1, 0) \
    + cal('', 0, 1, 0, 2**64 - 1, -5892) + cal('1/cm', 0, 1, 0, 2**64 - 1, -5892)
array = struct.pack('<QIII', nx * ny, 4 * nz, 3, 2).ljust(33, b'\0')
variables = struct.pack('<II', 8 + 33 + len(cals), 33) + array + cals
data = cube.tobytes() + shift.tobytes()
head_len = 76
body_before_data = head_len + len(name) + len(comment) + len(variables)
frame_len = 22 + body_before_data + len(data)
file_head_len = 33
data_at = file_head_len + 22 + body_before_data
head = struct.pack('<II', head_len, body_before_data + len(data)) + b'\0' * 36 \
    + struct.pack('<IIIIIIII', len(name), len(comment), 0, 0, 0, len(variables), data_at, len(data))
frame = struct.pack('<IHBBHHHHHHH', frame_len, 106, 0, 6, 2026, 12, 6, 22, 0, 0, 0) + head + name + comment + variables + data
out = b'\x01\xb0\x93\xff' + struct.pack('<I', len(frame)) + b'\0' * 4 + struct.pack('<H', 0) + b'\0' * 19 + frame
open(sys.argv[1], 'wb').write(out)
print(len(out), 'bytes; disc pixels', disc.sum())
