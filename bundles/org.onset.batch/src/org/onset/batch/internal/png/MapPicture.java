package org.onset.batch.internal.png;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.onset.map.api.Grid;

/**
 * Renders a map (values on an nx × ny grid, x fastest, j = 0 at the bottom as on the instrument)
 * to a PNG with a title, axes in nm and a colour bar with ticks and unit, using java.awt only, so it
 * works headless.
 *
 * @param title   shown above the map
 * @param grid    where the values are (lengths in m; the axes are drawn in nm)
 * @param values  nx·ny values, NaN where there is none
 */
public record MapPicture(String title, Grid grid, double[] values) {

    private static final int PLOT = 420;
    private static final int LEFT = 78;
    private static final int TOP = 46;
    private static final int BOTTOM = 58;
    private static final int BAR_GAP = 22;
    private static final int BAR_WIDTH = 18;
    private static final int RIGHT = 180;

    public MapPicture {
        if (grid.nx() < 1 || grid.ny() < 1 || values.length != grid.nx() * grid.ny()) {
            throw new IllegalArgumentException("a map of " + grid.nx() + " x " + grid.ny() + " needs "
                    + grid.nx() * grid.ny() + " values, got " + values.length);
        }
    }

    // the drawing works in nm, the unit of the axes
    private int nx() {
        return grid.nx();
    }

    private int ny() {
        return grid.ny();
    }

    private double x0Nm() {
        return grid.x0() * 1e9;
    }

    private double y0Nm() {
        return grid.y0() * 1e9;
    }

    private double dxNm() {
        return grid.dx() * 1e9;
    }

    private double dyNm() {
        return grid.dy() * 1e9;
    }

    /** Continuous values: viridis between the 0.5th and 99.5th percentile (outliers take the end colours). */
    public void writeContinuous(Path file, String quantity, String unit) throws IOException {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double lo = finite.length == 0 ? 0 : finite[(int) Math.floor(0.005 * (finite.length - 1))];
        double hi = finite.length == 0 ? 1 : finite[(int) Math.ceil(0.995 * (finite.length - 1))];
        if (!(hi > lo)) {
            double pad = Math.max(Math.abs(lo) * 0.01, 1e-12);
            lo -= pad;
            hi += pad;
        }
        double min = lo;
        double max = hi;
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        paintCells(g, v -> Double.isFinite(v) ? ColorMap.VIRIDIS.at((v - min) / (max - min)) : ColorMap.NO_VALUE);
        frameAndAxes(g);
        colourBar(g, min, max, quantity + " (" + unit + ")");
        if (finite.length < values.length) {
            legendBox(g, LEFT + PLOT - 80, TOP + PLOT + 30, ColorMap.NO_VALUE, "no value");
        }
        write(img, g, file);
    }

    /** Categories 0 … labels.length − 1 (negative: no value), each with its colour, and a legend. */
    public void writeCategorical(Path file, List<String> labels, List<Color> colours) throws IOException {
        BufferedImage img = canvas();
        Graphics2D g = graphics(img);
        paintCells(g, v -> v >= 0 && v < labels.size() ? colours.get((int) v) : ColorMap.NO_VALUE);
        frameAndAxes(g);
        int y = TOP + 6;
        for (int k = 0; k < labels.size(); k++) {
            int n = 0;
            for (double v : values) {
                n += v == k ? 1 : 0;
            }
            legendBox(g, LEFT + PLOT + BAR_GAP, y, colours.get(k), labels.get(k) + " (" + n + ")");
            y += 22;
        }
        write(img, g, file);
    }

    private BufferedImage canvas() {
        return new BufferedImage(LEFT + PLOT + BAR_GAP + BAR_WIDTH + RIGHT, TOP + PLOT + BOTTOM,
                BufferedImage.TYPE_INT_RGB);
    }

    private Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        FontMetrics fm = g.getFontMetrics();
        String t = title;
        while (fm.stringWidth(t) > img.getWidth() - 10 && t.length() > 4) {
            t = t.substring(0, t.length() - 2);
        }
        g.drawString(t, Math.max(5, (img.getWidth() - fm.stringWidth(t)) / 2), 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    private interface Painter {
        Color colour(double v);
    }

    /** Square plot: the longer side fills it, cells keep their aspect ratio. */
    private double cell() {
        double w = nx() * dxNm();
        double h = ny() * dyNm();
        return PLOT / Math.max(w, h);
    }

    private void paintCells(Graphics2D g, Painter painter) {
        double s = cell();
        for (int j = 0; j < ny(); j++) {
            for (int i = 0; i < nx(); i++) {
                int xa = LEFT + (int) Math.round(i * dxNm() * s);
                int xb = LEFT + (int) Math.round((i + 1) * dxNm() * s);
                int yb = TOP + PLOT - (int) Math.round(j * dyNm() * s);
                int ya = TOP + PLOT - (int) Math.round((j + 1) * dyNm() * s);
                g.setColor(painter.colour(values[j * nx() + i]));
                g.fillRect(xa, ya, Math.max(1, xb - xa), Math.max(1, yb - ya));
            }
        }
    }

    private void frameAndAxes(Graphics2D g) {
        double s = cell();
        int w = (int) Math.round(nx() * dxNm() * s);
        int h = (int) Math.round(ny() * dyNm() * s);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(LEFT, TOP + PLOT - h, w, h);
        FontMetrics fm = g.getFontMetrics();
        // cell edges span x0 − dx/2 … x0 + (nx − ½)·dx
        double xLo = x0Nm() - dxNm() / 2;
        double xHi = xLo + nx() * dxNm();
        double xStep = Ticks.step(xLo, xHi, 5);
        for (double t : Ticks.values(xLo, xHi, 5)) {
            int px = LEFT + (int) Math.round((t - xLo) * s);
            g.drawLine(px, TOP + PLOT, px, TOP + PLOT + 5);
            String l = Ticks.label(t, xStep);
            g.drawString(l, px - fm.stringWidth(l) / 2, TOP + PLOT + 18);
        }
        String xl = "x (nm)";
        g.drawString(xl, LEFT + w / 2 - fm.stringWidth(xl) / 2, TOP + PLOT + 40);
        double yLo = y0Nm() - dyNm() / 2;
        double yHi = yLo + ny() * dyNm();
        double yStep = Ticks.step(yLo, yHi, 5);
        for (double t : Ticks.values(yLo, yHi, 5)) {
            int py = TOP + PLOT - (int) Math.round((t - yLo) * s);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String l = Ticks.label(t, yStep);
            g.drawString(l, LEFT - 8 - fm.stringWidth(l), py + fm.getAscent() / 2 - 1);
        }
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        String yl = "y (nm)";
        r.drawString(yl, -(TOP + PLOT - h / 2) - fm.stringWidth(yl) / 2, 18);
        r.dispose();
    }

    private void colourBar(Graphics2D g, double min, double max, String label) {
        int x = LEFT + PLOT + BAR_GAP;
        for (int p = 0; p < PLOT; p++) {
            g.setColor(ColorMap.VIRIDIS.at(1 - (double) p / (PLOT - 1)));
            g.drawLine(x, TOP + p, x + BAR_WIDTH, TOP + p);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, TOP, BAR_WIDTH, PLOT);
        FontMetrics fm = g.getFontMetrics();
        double step = Ticks.step(min, max, 6);
        int widest = 0;
        for (double t : Ticks.values(min, max, 6)) {
            int py = TOP + PLOT - (int) Math.round((t - min) / (max - min) * PLOT);
            g.drawLine(x + BAR_WIDTH, py, x + BAR_WIDTH + 4, py);
            String l = Ticks.label(t, step);
            widest = Math.max(widest, fm.stringWidth(l));
            g.drawString(l, x + BAR_WIDTH + 7, py + fm.getAscent() / 2 - 1);
        }
        // turned a quarter clockwise: the text reads downwards and its glyphs extend to the right of the baseline
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(Math.PI / 2);
        r.drawString(label, TOP + PLOT / 2 - fm.stringWidth(label) / 2, -(x + BAR_WIDTH + 12 + widest));
        r.dispose();
    }

    private static void legendBox(Graphics2D g, int x, int y, Color colour, String text) {
        g.setColor(colour);
        g.fillRect(x, y, 14, 14);
        g.setColor(Color.BLACK);
        g.drawRect(x, y, 14, 14);
        g.drawString(text, x + 20, y + 11);
    }

    private static void write(BufferedImage img, Graphics2D g, Path file) throws IOException {
        g.dispose();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
