package io.sparksynth.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The element groups through which a vector column is summarised wherever a bounded number of
 * figures must stand for it (the evaluation's learned metrics and DCR, the validation score during
 * training): at most {@link #MAX_GROUPS} of them. An image ({@code schema.shapes}) is cut into a
 * grid of square cells of {@code ceil(max(height, width) / 8)} pixels a side, all channels together
 * (28 x 28 gives 7 x 7 cells of 4 x 4 pixels: a digit still recognisable at that resolution); any
 * other vector into contiguous runs of {@code ceil(length / 64)} elements.
 */
public final class VectorGroups {
    public static final int MAX_GROUPS = 64;
    private static final int GRID = 8;

    private VectorGroups() {
    }

    /** Per group, the indices of its elements within the vector. */
    public static int[][] of(ColumnSpec spec) {
        return spec.shape().isEmpty() ? runs(spec.length()) : cells(spec.shape());
    }

    private static int[][] runs(int length) {
        int run = (length + MAX_GROUPS - 1) / MAX_GROUPS;
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < length; start += run) {
            int[] g = new int[Math.min(run, length - start)];
            for (int k = 0; k < g.length; k++) {
                g[k] = start + k;
            }
            out.add(g);
        }
        return out.toArray(new int[0][]);
    }

    private static int[][] cells(List<Integer> shape) {
        int h = shape.get(0);
        int w = shape.get(1);
        int c = shape.size() > 2 ? shape.get(2) : 1;
        int side = (Math.max(h, w) + GRID - 1) / GRID;
        List<int[]> out = new ArrayList<>();
        for (int y0 = 0; y0 < h; y0 += side) {
            for (int x0 = 0; x0 < w; x0 += side) {
                List<Integer> g = new ArrayList<>();
                for (int y = y0; y < Math.min(h, y0 + side); y++) {
                    for (int x = x0; x < Math.min(w, x0 + side); x++) {
                        for (int ch = 0; ch < c; ch++) {
                            g.add((y * w + x) * c + ch); // row-major, channels last
                        }
                    }
                }
                out.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out.toArray(new int[0][]);
    }
}
