package org.onset.fem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Writes a model as input files for other programs. */
@ProviderType
public interface FemExporter {

    /**
     * The Gmsh geometry ({@code model.geo}, OpenCASCADE kernel, physical groups named LICGC/slab,
     * inclusion_N, air, tip, bottom) and the GetDP electrostatics ({@code model.pro}), plus the model
     * itself as JSON. The .geo takes {@code -setnumber dx VALUE} to move the inclusions.
     *
     * @return the files written
     */
    List<Path> exportGmshGetDp(FemModel model, Path dir) throws FemModelException, IOException;

    /**
     * Inputs for COMSOL: the geometry as STEP ({@code model.step}) and the mesh as NASTRAN
     * ({@code model.bdf}, region ids = physical group numbers), both made by gmsh, and a COMSOL
     * Java model file ({@code OnsetFemModel.java}) that rebuilds geometry, materials, boundary
     * conditions and a stationary study.
     *
     * @throws SolverMissingException when gmsh (needed for STEP and BDF) is missing
     */
    List<Path> exportComsol(FemModel model, Path dir, FemSolver.Progress progress)
            throws FemModelException, IOException, InterruptedException;
}
