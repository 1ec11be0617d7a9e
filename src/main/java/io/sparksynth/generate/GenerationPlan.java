package io.sparksynth.generate;

import io.sparksynth.SynthException;
import io.sparksynth.model.ConditionSampler;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which conditions each global output row is generated under: one group of rows without
 * conditions (plain {@code generate}), one group holding the {@code --where} values, or one group
 * per value of the {@code --balance} column (rows spread evenly, the first {@code rows % values}
 * values one row more). Each group holds a contiguous range of global row indices and numbers its
 * rows from 0, so the row to block mapping depends on the request and the row count only, never
 * on the partitioning.
 */
final class GenerationPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Candidate blocks an executor may spend on one block of a group with rejection. */
    static final int MAX_ATTEMPTS = 256;
    /**
     * Candidate blocks the driver's probe may spend on a group's first block: a quarter of
     * {@link #MAX_ATTEMPTS}, so a combination that passes the probe (at least 1,024 rows in 64
     * blocks, 1.6 % accepted) fills every later block within the executors' bound all but surely.
     */
    static final int PROBE_ATTEMPTS = MAX_ATTEMPTS / 4;

    /** A range of output rows generated under one set of conditions. */
    record Group(Conditions conditions, long start, long rows) implements Serializable {
    }

    private final List<Group> groups;
    private final long[] starts;

    private GenerationPlan(List<Group> groups) {
        this.groups = groups.stream().filter(g -> g.rows() > 0).toList();
        this.starts = this.groups.stream().mapToLong(Group::start).toArray();
    }

    /** The plan of a request, checked against the model: a bad column or value is exit 2, naming the known ones. */
    static GenerationPlan of(GeneratorSpec spec, long rows, ConditionRequest request) {
        TableTransform transform = spec.transform();
        ConditionSampler sampler = spec.layout().sampler();
        Conditions where = Conditions.resolve("--where", request.where(), transform, sampler);
        String balance = request.balance();
        if (balance == null) {
            return new GenerationPlan(List.of(new Group(where, 0, rows)));
        }
        int column = Conditions.categoricalColumn("--balance", balance, transform);
        if (request.where().containsKey(balance)) {
            throw SynthException.usage("--balance " + balance + " with --where " + balance + "=...: a balanced "
                    + "column takes each of its values in turn, so it cannot also be fixed");
        }
        List<String> values = transform.columns.get(column).knownValues();
        List<Group> groups = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            Map<String, String> each = new LinkedHashMap<>(request.where());
            each.put(balance, values.get(v));
            long start = SyntheticGenerator.rangeStart(rows, values.size(), v);
            groups.add(new Group(Conditions.resolve("--balance", each, transform, sampler), start,
                    SyntheticGenerator.rangeStart(rows, values.size(), v + 1) - start));
        }
        return new GenerationPlan(groups);
    }

    /** The group holding global row {@code row}. */
    int groupOf(long row) {
        int i = Arrays.binarySearch(starts, row);
        return i >= 0 ? i : -i - 2;
    }

    long start(int group) {
        return starts[group];
    }

    /** Block {@code b} of group {@code g}; a group that runs out of candidates fails with exit 2. */
    List<GenericInternalRow> block(BlockSampler sampler, int g, long seed, long b) {
        Conditions conditions = groups.get(g).conditions();
        if (conditions.isEmpty()) {
            return sampler.unconditioned(seed, b, start(g) + b * BlockSampler.BLOCK);
        }
        BlockSampler.Filled filled = sampler.conditioned(conditions, seed, b, MAX_ATTEMPTS,
                start(g) + b * BlockSampler.BLOCK);
        if (!filled.full()) {
            throw tooRare(conditions, filled);
        }
        return filled.rows();
    }

    /**
     * Checks on the driver, before any Spark job, that every group with rejection fills its first
     * block within {@link #PROBE_ATTEMPTS} candidate blocks; returns a line per group on how its
     * conditions are enforced (with the measured acceptance where rows are rejected).
     */
    List<String> probe(GeneratorSpec spec, long seed) {
        List<String> lines = new ArrayList<>();
        BlockSampler sampler = null;
        for (Group g : groups) {
            Conditions conditions = g.conditions();
            if (!conditions.rejects()) {
                if (!conditions.isEmpty()) {
                    lines.add(String.format("%,d rows with %s", g.rows(), conditions));
                }
                continue;
            }
            sampler = sampler != null ? sampler : new BlockSampler(spec);
            BlockSampler.Filled filled = sampler.conditioned(conditions, seed, 0, PROBE_ATTEMPTS, 0);
            if (!filled.full()) {
                throw tooRare(conditions, filled);
            }
            lines.add(String.format("%,d rows with %s (%.1f %% of candidate rows accepted)", g.rows(), conditions,
                    100.0 * BlockSampler.BLOCK / filled.candidates()));
        }
        return lines;
    }

    private static SynthException tooRare(Conditions conditions, BlockSampler.Filled filled) {
        return SynthException.usage(String.format("the model (nearly) never produces rows with %s: %,d of %,d "
                        + "candidate rows held every value (%.3f %%; at least %.1f %% are needed); drop or change a "
                        + "condition, or train the model longer (with gan.conditional = true one condition steers "
                        + "the generator instead of rejecting rows)", conditions, filled.rows().size(),
                filled.candidates(), 100.0 * filled.rows().size() / filled.candidates(),
                100.0 / PROBE_ATTEMPTS));
    }
}
