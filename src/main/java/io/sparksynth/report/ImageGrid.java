package io.sparksynth.report;

import io.sparksynth.evaluate.images.ImageFigures;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The image column's sample grid as a PNG, drawn with Java2D: one row per class with its label value,
 * the real sample images, the synthetic ones, then the class's mean real and mean synthetic image. Grey
 * levels follow the column's real range (its minimum black, its maximum white, values beyond it
 * clipped); three channels are drawn in colour, any other number of channels by the first one. Small
 * images are enlarged by whole pixels (28 x 28 to 56 x 56); a sample a class lacks is an empty grey cell.
 */
final class ImageGrid {
    static final Color EMPTY = new Color(225, 225, 225);
    private static final int TARGET_SIDE = 56;
    private static final int GAP = 2;
    private static final int BLOCK_GAP = 16;
    private static final int LABEL_WIDTH = 60;
    private static final int HEADER = 22;

    private ImageGrid() {
    }

    /** Enlargement of each image pixel: whole screen pixels, about {@value #TARGET_SIDE} a side. */
    static int scale(ImageFigures f) {
        return Math.max(1, TARGET_SIDE / Math.max(f.height(), f.width()));
    }

    static byte[] png(ImageFigures f, int perClass) {
        int scale = scale(f);
        int cellW = f.width() * scale;
        int cellH = f.height() * scale;
        int samplesW = perClass * (cellW + GAP) - GAP;
        int[] blockX = {LABEL_WIDTH, LABEL_WIDTH + samplesW + BLOCK_GAP, LABEL_WIDTH + 2 * (samplesW + BLOCK_GAP)};
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 12);
        String[] titles = {"real training images", "synthetic images (generated with the label)",
                "class mean: real, synthetic"};
        int width = blockX[2] + 2 * cellW + GAP + 8;
        for (int i = 0; i < 3; i++) {
            width = Math.max(width, blockX[i] + textWidth(bold, titles[i]) + 8);
        }
        int height = HEADER + f.classes().size() * (cellH + GAP) + 6;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(bold);
            Color[] colours = {Charts.REAL, Charts.SYNTH, Color.DARK_GRAY};
            for (int i = 0; i < 3; i++) {
                g.setColor(colours[i]);
                g.drawString(titles[i], blockX[i], 15);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int c = 0; c < f.classes().size(); c++) {
                int y = HEADER + c * (cellH + GAP);
                String label = ShortLabels.of(List.of(f.classes().get(c)), 8).get(0);
                g.setColor(Color.BLACK);
                g.drawString(label, LABEL_WIDTH - 8 - fm.stringWidth(label), y + cellH / 2 + fm.getAscent() / 2);
                List<float[]> real = f.realSamples().get(c);
                List<float[]> synth = f.syntheticSamples().get(c);
                for (int i = 0; i < perClass; i++) {
                    draw(img, f, i < real.size() ? real.get(i) : null, blockX[0] + i * (cellW + GAP), y, scale);
                    draw(img, f, i < synth.size() ? synth.get(i) : null, blockX[1] + i * (cellW + GAP), y, scale);
                }
                draw(img, f, f.realMeans().get(c), blockX[2], y, scale);
                draw(img, f, f.syntheticMeans().get(c), blockX[2] + cellW + GAP, y, scale);
            }
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int textWidth(Font font, String text) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    /** One image at (x0, y0): channels first, values in [0, 1] drawn black to white; null an empty cell. */
    private static void draw(BufferedImage img, ImageFigures f, float[] image, int x0, int y0, int scale) {
        int h = f.height();
        int w = f.width();
        int plane = h * w;
        boolean colour = f.channels() == 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb;
                if (image == null) {
                    rgb = EMPTY.getRGB();
                } else if (colour) {
                    rgb = (level(image[y * w + x]) << 16) | (level(image[plane + y * w + x]) << 8)
                            | level(image[2 * plane + y * w + x]);
                } else {
                    int v = level(image[y * w + x]);
                    rgb = (v << 16) | (v << 8) | v;
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    /** A scaled value as a grey level 0..255, clipped to [0, 1]; NaN as 0. */
    static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255);
    }
}
