/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.Locale;

import dev.faascache.benchmarks.Jmh.Results;
import dev.faascache.benchmarks.Score.Interval;

import org.openjdk.jmh.runner.RunnerException;

/**
 * The table of the sizing benchmark: the default sizer against jamm on every value of the
 * reference set, in time and in bytes allocated, with its targets.
 */
final class SizingTables {

	static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	private static final String ALLOCATED = "gc.alloc.rate.norm";

	private final Jmh jmh;

	private final Targets targets;

	private final String caption;

	SizingTables(Jmh jmh, Targets targets, String caption) {
		this.jmh = jmh;
		this.targets = targets;
		this.caption = caption;
	}

	/**
	 * Run the sizing benchmark with the given JVM option, or on the JVM's defaults, and return its
	 * table.
	 */
	String sizing(String jvmArg) throws RunnerException {
		Results results = this.jmh.runWithAllocation(SizingBenchmark.class, ".*", jvmArg);
		String compiler = (jvmArg != null) ? "C1 only (" + jvmArg + ", as Lambda's Java 17 runtime)" : "default JIT";
		StringBuilder table = new StringBuilder("### Sizing, " + compiler
				+ ": ns and bytes allocated per value measured, ± the 99.9% error\n\n" + this.caption + "\n\n");
		table.append("| value | deep sizer ns | jamm ns | speed-up | deep sizer B/op | jamm B/op |\n");
		table.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		Interval slowest = null;
		Score mostGarbage = null;
		for (ReferenceSet shape : ReferenceSet.values()) {
			Score ours = results.score("deepSizer", shape);
			Score jamm = results.score("jammMeasureDeep", shape);
			Score ourGarbage = results.secondary(ALLOCATED, "deepSizer", shape);
			Interval speedUp = jamm.over(ours);
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", shape.label(), ours.format(0),
					jamm.format(0), speedUp.format(), ourGarbage.format(1),
					results.secondary(ALLOCATED, "jammMeasureDeep", shape).format(0)));
			slowest = (slowest == null || speedUp.low() < slowest.low()) ? speedUp : slowest;
			mostGarbage = (mostGarbage == null || ourGarbage.high() > mostGarbage.high()) ? ourGarbage : mostGarbage;
		}
		String prefix = (jvmArg != null) ? "(C1 only) " : "";
		this.targets.atLeast(prefix + "sizing ≥ 5× faster than jamm on every value of the reference set (least speed-up)",
				slowest, 5);
		this.targets.atMost(prefix + "sizing allocates nothing per call (most of any value)", mostGarbage, 1, "B/op");
		return table.append('\n').toString();
	}

}
