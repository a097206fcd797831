package org.onset.batch.internal.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.onset.map.api.Grid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapPictureTest {
    @TempDir
    Path dir;

    @Test
    void cellsTakeTheirColoursAndNaNIsGrey() throws Exception {
        // 2 × 2: low, high on the bottom row (j = 0), NaN and middle on the top row
        double[] v = { 0, 1, Double.NaN, 0.5 };
        Path f = dir.resolve("m.png");
        new MapPicture("test", new Grid(2, 2, 0, 0, 20e-9, 20e-9), v).writeContinuous(f, "bias", "V");
        BufferedImage img = ImageIO.read(f.toFile());
        assertTrue(img.getWidth() > 500 && img.getHeight() > 450, img.getWidth() + " x " + img.getHeight());
        // the plot is 420 px square from (78, 46); cell centres at 1/4 and 3/4
        Color bottomLeft = new Color(img.getRGB(78 + 105, 46 + 315));
        Color bottomRight = new Color(img.getRGB(78 + 315, 46 + 315));
        Color topLeft = new Color(img.getRGB(78 + 105, 46 + 105));
        assertEquals(ColorMap.VIRIDIS.at(0), bottomLeft, "lowest value: dark end of the map, at the bottom (j = 0)");
        assertEquals(ColorMap.VIRIDIS.at(1), bottomRight, "highest value: bright end");
        assertEquals(ColorMap.NO_VALUE, topLeft);
    }

    @Test
    void categoriesHaveTheirOwnColours() throws Exception {
        Path f = dir.resolve("c.png");
        new MapPicture("rules", new Grid(2, 1, 0, 0, 20e-9, 20e-9), new double[] { 0, 1 }).writeCategorical(f,
                List.of("a", "b"), List.of(Color.RED, Color.BLUE));
        BufferedImage img = ImageIO.read(f.toFile());
        // a 2 × 1 map fills the width; rows are centred... the single row sits at the bottom half
        assertEquals(Color.RED, new Color(img.getRGB(78 + 105, 46 + 420 - 105)));
        assertEquals(Color.BLUE, new Color(img.getRGB(78 + 315, 46 + 420 - 105)));
    }

    @Test
    void viridisRunsFromDarkToBright() {
        Color lo = ColorMap.VIRIDIS.at(0);
        Color hi = ColorMap.VIRIDIS.at(1);
        assertEquals(new Color(0x440154), lo);
        assertEquals(new Color(0xFDE725), hi);
        assertNotEquals(ColorMap.VIRIDIS.at(0.49), ColorMap.VIRIDIS.at(0.51));
    }

    @Test
    void ticksAreRound() {
        assertEquals(List.of(400.0, 600.0, 800.0, 1000.0, 1200.0, 1400.0, 1600.0), Ticks.values(290, 1690, 6));
        assertEquals("-3.8", Ticks.label(-3.8000000001, 0.2));
        assertEquals("20", Ticks.label(20, 10));
    }

    @Test
    void aWrongNumberOfValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MapPicture("t", new Grid(3, 3, 0, 0, 1e-9, 1e-9), new double[8]));
    }
}
