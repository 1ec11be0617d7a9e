package io.sparksynth.evaluate.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Images on the driver with their class indices, in a fixed (seeded hash) order: the classifier's
 * training sample, the augmentation experiment's sets and the report's samples. Each image is the
 * classifier's input ({@link ImageLayout#input}): channels first, scaled to [0, 1].
 */
record LabelledImages(List<float[]> images, int[] labels) {
    LabelledImages {
        images = List.copyOf(images);
        if (images.size() != labels.length) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.length + " labels");
        }
    }

    static LabelledImages of(List<Sample> samples) {
        return new LabelledImages(samples.stream().map(Sample::image).toList(),
                samples.stream().mapToInt(Sample::label).toArray());
    }

    List<Sample> toSamples() {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            out.add(new Sample(labels[i], images.get(i)));
        }
        return out;
    }

    int size() {
        return labels.length;
    }

    /** Images per class index. */
    long[] countPerClass(int classes) {
        long[] out = new long[classes];
        for (int l : labels) {
            out[l]++;
        }
        return out;
    }

    /** The first {@code k} images of each class (all of a class that has fewer), in this order. */
    LabelledImages firstPerClass(int k, int classes) {
        int[] taken = new int[classes];
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            int l = this.labels[i];
            if (taken[l] < k) {
                taken[l]++;
                images.add(this.images.get(i));
                labels.add(l);
            }
        }
        return new LabelledImages(images, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Per class, its first {@code k} images (fewer where the class has fewer). */
    List<List<float[]>> byClass(int k, int classes) {
        List<List<float[]>> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < size(); i++) {
            List<float[]> group = out.get(labels[i]);
            if (group.size() < k) {
                group.add(images.get(i));
            }
        }
        return out;
    }

    /** These images followed by {@code other}'s. */
    LabelledImages plus(LabelledImages other) {
        List<float[]> images = new ArrayList<>(this.images);
        images.addAll(other.images);
        int[] labels = Arrays.copyOf(this.labels, size() + other.size());
        System.arraycopy(other.labels, 0, labels, size(), other.size());
        return new LabelledImages(images, labels);
    }

    /** One image and its class index, as collected from the executors. */
    record Sample(int label, float[] image) implements java.io.Serializable {
    }
}
