package org.onset.fem;

/**
 * |E| at one depth on the tip axis for one lateral offset.
 *
 * @param dxNm       lateral offset of the inclusions, nm
 * @param depthNm    depth below the surface, nm (positive)
 * @param eVPerNm    field magnitude, V/nm, recovered from the potential by central differences
 *                   over ±{@link FemSolution#STENCIL_NM} in x, y and z
 * @param potentialV potential there, V
 */
public record FieldProbe(double dxNm, double depthNm, double eVPerNm, double potentialV) {
}
