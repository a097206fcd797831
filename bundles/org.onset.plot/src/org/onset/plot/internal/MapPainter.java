package org.onset.plot.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorMap;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;
import org.onset.plot.Ticks;

/**
 * Draws a {@link org.onset.plot.MapFigure}: the plot is a 420-unit square that the longer side of the
 * map fills (cells keep their aspect ratio), anchored bottom-left; colour bar or legend to its right.
 */
public record MapPainter(String title, int nx, int ny, double[] values, double x0, double x1, double y0, double y1,
        Axis xAxis, Axis yAxis, Axis valueAxis, ColorMap colorMap, Range range, List<Category> categories,
        int noValueRgb, String noValueLabel, List<MapOverlay> overlays) implements Canvas.Painter {

    public static final int PLOT = 420;
    public static final int LEFT = 78;
    public static final int TOP = 46;
    public static final int BOTTOM = 58;
    public static final int BAR_GAP = 22;
    public static final int BAR_WIDTH = 18;
    public static final int RIGHT = 180;
    public static final int WIDTH = LEFT + PLOT + BAR_GAP + BAR_WIDTH + RIGHT;
    public static final int HEIGHT = TOP + PLOT + BOTTOM;
    /** Horizontal room of one overlay colour bar with its tick labels and title. */
    public static final int OVERLAY_KEY = 95;

    /**
     * Width of a figure with these layers: each continuous layer after the first needs room for one
     * more colour bar (a Raman band layer over the onset layer over a topography has three).
     */
    public static int width(List<MapOverlay> overlays) {
        long continuous = overlays.stream().filter(o -> o.categories() == null).count();
        return WIDTH + OVERLAY_KEY * (int) Math.max(0, continuous - 1);
    }

    @Override
    public void paint(Graphics2D g) {
        Canvas.title(g, title, width(overlays));
        double s = PLOT / Math.max(x1 - x0, y1 - y0);
        int w = Math.max(1, (int) Math.round((x1 - x0) * s));
        int h = Math.max(1, (int) Math.round((y1 - y0) * s));
        g.drawImage(cells(w, h), LEFT, TOP + PLOT - h, null);
        java.awt.Shape clip = g.getClip();
        g.clipRect(LEFT, TOP + PLOT - h, w, h);
        for (MapOverlay o : overlays) {
            overlay(g, o, s, h);
        }
        g.setClip(clip);
        frameAndAxes(g, s, w, h);
        overlayKeys(g);
        int noValue = countNoValue();
        if (categories == null) {
            colourBar(g);
            if (noValue > 0) {
                Canvas.legendBox(g, LEFT + PLOT - 80, TOP + PLOT + 30, noValueRgb, noValueLabel);
            }
        } else {
            legend(g, noValue);
        }
    }

    /** The cells at plot resolution, so PNG and SVG show the same sharp edges at any viewer scale. */
    private BufferedImage cells(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] colour = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            colour[k] = colour(values[k]);
        }
        for (int py = 0; py < h; py++) {
            int j = Math.min(ny - 1, (int) ((h - py - 0.5) * ny / h));
            for (int px = 0; px < w; px++) {
                int i = Math.min(nx - 1, (int) ((px + 0.5) * nx / w));
                img.setRGB(px, py, colour[j * nx + i]);
            }
        }
        return img;
    }

    /**
     * One layer at plot resolution; its opacity is put into the pixels' alpha (not a composite), so
     * that SVG viewers show it as PNG viewers do.
     */
    private void overlay(Graphics2D g, MapOverlay o, double s, int h) {
        int px0 = LEFT + (int) Math.round((o.x0() - x0) * s);
        int px1 = LEFT + (int) Math.round((o.x1() - x0) * s);
        int pyTop = TOP + PLOT - h + (int) Math.round((y1 - o.y1()) * s);
        int pyBottom = TOP + PLOT - h + (int) Math.round((y1 - o.y0()) * s);
        int w = Math.max(1, px1 - px0);
        int hh = Math.max(1, pyBottom - pyTop);
        int alpha = (int) Math.round(o.opacity() * 255) << 24;
        BufferedImage img = new BufferedImage(w, hh, BufferedImage.TYPE_INT_ARGB);
        int[] colour = new int[o.nx() * o.ny()];
        for (int k = 0; k < colour.length; k++) {
            int c = o.rgb(k);
            colour[k] = c < 0 ? 0 : alpha | c;
        }
        for (int py = 0; py < hh; py++) {
            int j = Math.min(o.ny() - 1, (int) ((hh - py - 0.5) * o.ny() / hh));
            for (int px = 0; px < w; px++) {
                int i = Math.min(o.nx() - 1, (int) ((px + 0.5) * o.nx() / w));
                img.setRGB(px, py, colour[j * o.nx() + i]);
            }
        }
        g.drawImage(img, px0, pyTop, null);
    }

    /**
     * Columns right of the map's own key: one colour bar per continuous layer, in the order the layers
     * were added, or, when there is none, the categorical layers' legends.
     */
    private void overlayKeys(Graphics2D g) {
        int x = LEFT + PLOT + BAR_GAP + OVERLAY_KEY;
        int y = TOP + 6;
        boolean bars = false;
        for (MapOverlay o : overlays) {
            if (o.categories() == null) {
                colourBar(g, x, o.colorMap(), o.range(), o.quantity());
                x += OVERLAY_KEY;
                bars = true;
            }
        }
        if (bars) {
            return;
        }
        for (MapOverlay o : overlays) {
            for (Category c : o.categories()) {
                Canvas.legendBox(g, x, y, c.rgb(), c.label());
                y += 22;
            }
        }
    }

    private int colour(double v) {
        if (categories == null) {
            return Double.isFinite(v) ? colorMap.rgb(v, range) : noValueRgb;
        }
        return isCategory(v) ? categories.get((int) v).rgb() : noValueRgb;
    }

    private boolean isCategory(double v) {
        return v >= 0 && v < categories.size() && v == Math.floor(v);
    }

    private int countNoValue() {
        int n = 0;
        for (double v : values) {
            n += (categories == null ? Double.isFinite(v) : isCategory(v)) ? 0 : 1;
        }
        return n;
    }

    private void frameAndAxes(Graphics2D g, double s, int w, int h) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(LEFT, TOP + PLOT - h, w, h);
        FontMetrics fm = g.getFontMetrics();
        Ticks xt = xAxis.ticks(x0, x1, 5);
        for (int k = 0; k < xt.values().size(); k++) {
            int px = LEFT + (int) Math.round((xt.values().get(k) - x0) * s);
            g.drawLine(px, TOP + PLOT, px, TOP + PLOT + 5);
            String l = xt.labels().get(k);
            g.drawString(l, px - fm.stringWidth(l) / 2, TOP + PLOT + 18);
        }
        String xl = xt.title(xAxis.quantity());
        g.drawString(xl, LEFT + w / 2 - fm.stringWidth(xl) / 2, TOP + PLOT + 40);
        Ticks yt = yAxis.ticks(y0, y1, 5);
        for (int k = 0; k < yt.values().size(); k++) {
            int py = TOP + PLOT - (int) Math.round((yt.values().get(k) - y0) * s);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String l = yt.labels().get(k);
            g.drawString(l, LEFT - 8 - fm.stringWidth(l), py + fm.getAscent() / 2 - 1);
        }
        Canvas.upwards(g, yt.title(yAxis.quantity()), 18, TOP + PLOT - h / 2);
    }

    private void colourBar(Graphics2D g) {
        colourBar(g, LEFT + PLOT + BAR_GAP, colorMap, range, valueAxis);
    }

    private static void colourBar(Graphics2D g, int x, ColorMap colorMap, Range range, Axis valueAxis) {
        BufferedImage bar = new BufferedImage(BAR_WIDTH, PLOT, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < PLOT; p++) {
            int c = colorMap.rgb(1 - (double) p / (PLOT - 1));
            for (int q = 0; q < BAR_WIDTH; q++) {
                bar.setRGB(q, p, c);
            }
        }
        g.drawImage(bar, x, TOP, null);
        g.setColor(Color.BLACK);
        g.drawRect(x, TOP, BAR_WIDTH, PLOT);
        FontMetrics fm = g.getFontMetrics();
        Ticks t = valueAxis.ticks(range.lo(), range.hi(), 6);
        int widest = 0;
        for (int k = 0; k < t.values().size(); k++) {
            int py = TOP + PLOT - (int) Math.round(range.fraction(t.values().get(k)) * PLOT);
            g.drawLine(x + BAR_WIDTH, py, x + BAR_WIDTH + 4, py);
            String l = t.labels().get(k);
            widest = Math.max(widest, fm.stringWidth(l));
            g.drawString(l, x + BAR_WIDTH + 7, py + fm.getAscent() / 2 - 1);
        }
        String label = t.title(valueAxis.quantity());
        if (!label.isEmpty()) {
            Canvas.downwards(g, label, x + BAR_WIDTH + 12 + widest, TOP + PLOT / 2);
        }
    }

    private void legend(Graphics2D g, int noValue) {
        int[] counts = new int[categories.size()];
        for (double v : values) {
            if (isCategory(v)) {
                counts[(int) v]++;
            }
        }
        int x = LEFT + PLOT + BAR_GAP;
        int y = TOP + 6;
        for (int k = 0; k < categories.size(); k++) {
            Category c = categories.get(k);
            Canvas.legendBox(g, x, y, c.rgb(), c.label() + " (" + counts[k] + ")");
            y += 22;
        }
        if (noValue > 0) {
            Canvas.legendBox(g, x, y, noValueRgb, noValueLabel + " (" + noValue + ")");
        }
    }
}
