/**
 * Height images before and after a map: plane and line levelling, registration of one image on
 * another (drift) by normalised cross-correlation with sub-pixel refinement, and the difference
 * image. Images are {@link org.onset.instrument.api.TopographyImage}s, heights and lengths in m;
 * NaN marks points without a value (e.g. outside the overlap of two registered images).
 */
package org.onset.analysis.topography;
