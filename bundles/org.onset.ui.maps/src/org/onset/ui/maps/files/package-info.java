/** Which map files the workbench has open, for parts of other bundles. */
package org.onset.ui.maps.files;
