/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.faascache.benchmarks.Score.Interval;

/**
 * The targets the cache is held to, each judged on the whole confidence interval of what was
 * measured: met only if every value in the interval meets it, missed only if none does, and
 * otherwise left open, since the run cannot tell.
 */
final class Targets {

	static final String MET = "yes";

	static final String MISSED = "**no**";

	static final String OPEN = "within the error: not shown either way";

	private final List<String> rows = new ArrayList<>();

	/**
	 * Judge a ratio that must be at least {@code required}.
	 */
	void atLeast(String target, Interval measured, double required) {
		add(target, measured.format(), verdict(measured.low() >= required, measured.high() < required));
	}

	/**
	 * Judge a ratio that must be at most {@code required}.
	 */
	void atMost(String target, Interval measured, double required) {
		add(target, measured.format(), verdict(measured.high() <= required, measured.low() > required));
	}

	/**
	 * Judge a quantity that must be at most {@code required}, shown with its unit.
	 */
	void atMost(String target, Score measured, double required, String unit) {
		String shown = String.format(Locale.ROOT, "%s %s", measured.format(1), unit);
		add(target, shown, verdict(measured.high() <= required, measured.low() > required));
	}

	/**
	 * Record a target judged elsewhere.
	 */
	void add(String target, String measured, String verdict) {
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %s |%n", target, measured, verdict));
	}

	static String verdict(boolean met, boolean missed) {
		return met ? MET : (missed ? MISSED : OPEN);
	}

	/**
	 * Return the targets as a Markdown table.
	 */
	String table() {
		StringBuilder table = new StringBuilder("| target | measured (interval) | met |\n| --- | --- | --- |\n");
		this.rows.forEach(table::append);
		return table.toString();
	}

}
