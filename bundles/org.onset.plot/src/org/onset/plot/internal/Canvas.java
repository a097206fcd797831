package org.onset.plot.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;

/**
 * One Graphics2D painter, two outputs: a BufferedImage encoded by ImageIO, or JFreeSVG's SVG
 * Graphics2D. Figures paint once and never know which.
 */
public final class Canvas {

    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    public static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** Draws a whole figure on a white w × h area. */
    public interface Painter {
        void paint(Graphics2D g);
    }

    private Canvas() {
    }

    public static BufferedImage image(int w, int h, Painter painter) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            prepare(g, w, h);
            painter.paint(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static byte[] png(int w, int h, Painter painter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image(w, h, painter), "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    public static String svg(int w, int h, Painter painter) {
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        prepare(g, w, h);
        painter.paint(g);
        // no DOCTYPE: a DTD reference would make XML readers fetch it from the network
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
    }

    private static void prepare(Graphics2D g, int w, int h) {
        // text smooth, cell edges sharp: the map's pixels keep their exact colours
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(TEXT);
    }

    /** The title centred at the top, shortened to fit the width. */
    public static void title(Graphics2D g, String title, int width) {
        if (title == null || title.isEmpty()) {
            return;
        }
        Font old = g.getFont();
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        String t = title;
        while (fm.stringWidth(t) > width - 10 && t.length() > 4) {
            t = t.substring(0, t.length() - 2);
        }
        g.drawString(t, Math.max(5, (width - fm.stringWidth(t)) / 2), 24);
        g.setFont(old);
    }

    /** A filled, outlined square and its text, for legends. */
    public static void legendBox(Graphics2D g, int x, int y, int rgb, String text) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, 14, 14);
        g.setColor(Color.BLACK);
        g.drawRect(x, y, 14, 14);
        g.drawString(text, x + 20, y + 11);
    }

    /** Text turned a quarter anticlockwise (reads upwards), centred on y, baseline at x. */
    public static void upwards(Graphics2D g, String text, int x, int yCentre) {
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(text, -yCentre - r.getFontMetrics().stringWidth(text) / 2, x);
        r.dispose();
    }

    /** Text turned a quarter clockwise (reads downwards), centred on y, glyphs to the right of x. */
    public static void downwards(Graphics2D g, String text, int x, int yCentre) {
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(Math.PI / 2);
        r.drawString(text, yCentre - r.getFontMetrics().stringWidth(text) / 2, -x);
        r.dispose();
    }

    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
