package org.onset.fem;

/**
 * |E| under the tip at each position of a (coarse) grid of tip positions: a map to lay over an
 * onset map.
 *
 * @param xNm     tip x positions, nm (the map's frame)
 * @param yNm     tip y positions, nm
 * @param depthNm depth below the surface on the tip axis, nm
 * @param eVPerNm [j][i] field magnitude at (xNm[i], yNm[j]), V/nm
 */
public record FieldMap(double[] xNm, double[] yNm, double depthNm, double[][] eVPerNm) {
}
