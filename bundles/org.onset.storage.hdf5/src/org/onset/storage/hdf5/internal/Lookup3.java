package org.onset.storage.hdf5.internal;

/**
 * Bob Jenkins' lookup3 hash ("hashlittle", public domain), which the HDF5 file format uses for the
 * checksums of its version 2 superblock and object headers. Written from the published algorithm;
 * needed only where Onset must rewrite a checksummed field itself ({@link EndOfAllocation}).
 */
final class Lookup3 {

    private Lookup3() {
    }

    /** The 32-bit hash of {@code length} bytes of {@code data} from {@code offset}, seeded with {@code initval}. */
    static int hash(byte[] data, int offset, int length, int initval) {
        int a = 0xdeadbeef + length + initval;
        int b = a;
        int c = a;
        int k = offset;
        int left = length;
        while (left > 12) {
            a += word(data, k);
            b += word(data, k + 4);
            c += word(data, k + 8);
            // mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            k += 12;
            left -= 12;
        }
        if (left == 0) {
            return c;
        }
        // the last 1 … 12 bytes, little-endian into a, b and c (missing bytes count as 0)
        int[] abc = new int[3];
        for (int n = 0; n < left; n++) {
            abc[n / 4] += (data[k + n] & 0xff) << (8 * (n % 4));
        }
        a += abc[0];
        b += abc[1];
        c += abc[2];
        // final
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] d, int at) {
        return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8 | (d[at + 2] & 0xff) << 16 | (d[at + 3] & 0xff) << 24;
    }
}
