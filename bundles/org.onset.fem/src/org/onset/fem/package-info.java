/**
 * Electrostatic FEM models of a conductive tip over a dielectric slab with inclusions (the
 * paper's Fig. 6): a validated parametric {@link org.onset.fem.FemModel model} read from and
 * written to JSON, {@link org.onset.fem.FemExporter exports} for Gmsh/GetDP and COMSOL, and a
 * {@link org.onset.fem.FemSolver local solve} with Debian's gmsh and getdp. Lengths are in nm,
 * potentials in V and fields in V/nm throughout.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.fem;
