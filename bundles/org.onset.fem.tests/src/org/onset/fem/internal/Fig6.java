package org.onset.fem.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.onset.fem.FemModel;
import org.onset.fem.FemModelJson;

/** The repository's example model of the paper's Fig. 6 and PHYSICS.md's reference table. */
final class Fig6 {

    static final String MODEL = "releng/fem/fig6-model.json";

    /** PHYSICS.md, |E| in V/nm at 1 V on the tip axis: rows dx = 0, 160, 400 nm; columns depth 10, 50, 100 nm. */
    static final double[] DX_NM = { 0, 160, 400 };
    static final double[] DEPTH_NM = { 10, 50, 100 };
    static final double[][] E_V_PER_NM = {
            { 0.0257, 0.00588, 0.00210 },
            { 0.0295, 0.00352, 0.00117 },
            { 0.0302, 0.00408, 0.00111 } };

    private Fig6() {
    }

    static Path modelFile() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MODEL))) {
                return d.resolve(MODEL);
            }
        }
        throw new IllegalStateException("cannot find " + MODEL + " above " + dir);
    }

    static FemModel model() throws Exception {
        return FemModelJson.read(modelFile());
    }
}
