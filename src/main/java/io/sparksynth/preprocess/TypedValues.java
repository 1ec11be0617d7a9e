package io.sparksynth.preprocess;

import io.sparksynth.data.ColumnSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Converts decoded numbers and category spellings back to the type the column's values are learned
 * in ({@link ColumnSpec#valueType()}: the Spark type, or a temporal column's number).
 */
final class TypedValues {
    private TypedValues() {
    }

    static Object numeric(double x, ColumnSpec spec) {
        return numeric(x, spec.valueType(), spec.name());
    }

    /** {@code x} as a value of the numeric Spark type {@code t} (integers rounded), of column {@code column}. */
    static Object numeric(double x, String t, String column) {
        if (t.startsWith("decimal")) {
            int scale = Integer.parseInt(t.substring(t.indexOf(',') + 1, t.indexOf(')')).trim());
            return BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP);
        }
        return switch (t) {
            case "double" -> x;
            case "float" -> (float) x;
            case "bigint" -> Math.round(x);
            case "int" -> (int) Math.round(x);
            case "smallint" -> (short) Math.round(x);
            case "tinyint" -> (byte) Math.round(x);
            default -> throw new IllegalStateException("column " + column + " of type " + t + " is not numeric");
        };
    }

    static Object parse(String s, ColumnSpec spec) {
        String t = spec.valueType();
        if (t.startsWith("decimal")) {
            return new BigDecimal(s);
        }
        return switch (t) {
            case "string" -> s;
            case "boolean" -> Boolean.parseBoolean(s);
            case "double" -> Double.parseDouble(s);
            case "float" -> Float.parseFloat(s);
            case "bigint" -> Long.parseLong(s);
            case "int" -> Integer.parseInt(s);
            case "smallint" -> Short.parseShort(s);
            case "tinyint" -> Byte.parseByte(s);
            default -> throw new IllegalStateException("column " + spec.name() + " has unsupported type " + t);
        };
    }

    /** Index drawn with probability proportional to its weight. */
    static int pick(List<Double> weights, RandomGenerator rng) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.size(); i++) {
            u -= weights.get(i);
            if (u < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }
}
