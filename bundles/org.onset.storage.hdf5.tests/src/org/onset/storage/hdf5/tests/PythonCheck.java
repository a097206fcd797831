package org.onset.storage.hdf5.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs resources/check_usid.py (h5py) on a file; the interpreter with h5py is Debian's. */
final class PythonCheck {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    record Result(int exitCode, String output) {
    }

    private PythonCheck() {
    }

    static Result run(Path h5, Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: install Debian's python3-h5py");
        }
        Path script = BundleFiles.copyEntry("resources/check_usid.py", workDir);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), h5.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("check_usid.py did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
