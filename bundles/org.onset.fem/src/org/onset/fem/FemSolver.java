package org.onset.fem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Solves models locally with gmsh and getdp (Debian packages {@code gmsh}, {@code getdp}): mesh
 * (MSH 2.2), electrostatics with conjugate gradients and algebraic multigrid, then read the field
 * back.
 */
@ProviderType
public interface FemSolver {

    /** Reports progress; called from solver threads. */
    @FunctionalInterface
    interface Progress {
        void step(String message);
    }

    /**
     * Checks that gmsh and getdp can be run.
     *
     * @throws SolverMissingException naming the missing programs and their Debian packages
     */
    void checkInstalled() throws SolverMissingException;

    /**
     * Meshes and solves one model in {@code workDir} (created; its files stay for inspection, the
     * solver output in {@code solver.log}).
     *
     * @throws FemModelException      when the model is invalid
     * @throws SolverMissingException when gmsh or getdp is missing
     * @throws IOException            when a solver fails (the message names the log file)
     */
    FemSolution solve(FemModel model, Path workDir, Progress progress)
            throws FemModelException, IOException, InterruptedException;

    /**
     * Solves the model at each lateral offset, cases in parallel ({@code parallelism} at once, each
     * in its own subdirectory {@code dx_<value>} of {@code workDir}).
     *
     * @return one solution per offset, in the order given
     */
    List<FemSolution> sweep(FemModel model, double[] dxNm, int parallelism, Path workDir, Progress progress)
            throws FemModelException, IOException, InterruptedException;

    /**
     * |E| at {@code depthNm} under the tip for every tip position of the grid {@code xNm} × {@code yNm}
     * over a sample holding {@code sample} inclusions (map frame, nm): one solve of
     * {@link MapInclusions#around(FemModel, List, double, double) the model around the tip} per
     * position, {@code parallelism} at once, each in {@code workDir/px_I_J}.
     */
    FieldMap fieldMap(FemModel template, List<FemModel.Inclusion> sample, double[] xNm, double[] yNm, double depthNm,
            int parallelism, Path workDir, Progress progress) throws FemModelException, IOException, InterruptedException;
}
