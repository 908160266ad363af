/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the benchmarks and prints their results as Markdown tables, every peer measured in the
 * same run, with the targets they are held to, judged on JMH's error intervals; with
 * {@code --update} it writes the tables into docs/benchmarks.md and README.md.
 * <pre class="code">
 * java -jar faas-cache-benchmarks/target/benchmarks.jar                     # quick: about 16 minutes
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --full              # more forks and iterations, and C1-only sizing
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --update .          # rewrite the generated blocks of the docs
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --note "Machine busy." --out results.md
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --only get,lambda  # some tables only, for a check
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --only writes,configuration  # Integer entries, small and large
 * </pre>
 * Any JMH benchmark can also be run on its own with JMH's runner:
 * {@code java -cp faas-cache-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main GetBenchmark}.
 */
public final class Report {

	static final String JAR = "java -jar faas-cache-benchmarks/target/benchmarks.jar";

	private static final List<String> SECTIONS = List.of("get", "put", "mixed", "large", "writes",
			"configuration", "scaling", "lambda", "sizing", "startup", "coherence");

	private Report() {
	}

	public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
		List<String> arguments = List.of(args);
		Jmh.Mode mode = arguments.contains("--full") ? Jmh.Mode.FULL : Jmh.Mode.QUICK;
		String only = option(arguments, "--only");
		Set<String> sections = Set.copyOf((only != null) ? Arrays.asList(only.split(",")) : SECTIONS);
		if (!SECTIONS.containsAll(sections)) {
			throw new IllegalArgumentException("--only takes some of " + SECTIONS + " but was " + only);
		}
		String update = option(arguments, "--update");
		if (update != null && only != null) {
			throw new IllegalArgumentException("--update rewrites every table: it cannot be given with --only");
		}
		RunInfo run = RunInfo.of(JAR + ((mode == Jmh.Mode.FULL) ? " --full" : ""), option(arguments, "--note"));
		Instant start = Instant.now();
		Generated generated = run(new Jmh(mode), sections, run, start);
		System.out.println();
		System.out.println(generated.results());
		System.out.println(generated.sizing());
		System.out.println(generated.performance());
		String out = option(arguments, "--out");
		if (out != null) {
			Files.writeString(Path.of(out), generated.results() + "\n" + generated.sizing(), StandardCharsets.UTF_8);
		}
		if (update != null) {
			Path root = Path.of(update);
			MarkdownBlocks.replace(root.resolve("docs/benchmarks.md"), "results", generated.results());
			MarkdownBlocks.replace(root.resolve("docs/benchmarks.md"), "sizing", generated.sizing());
			MarkdownBlocks.replace(root.resolve("README.md"), "performance", generated.performance());
		}
		if (!generated.failed().isEmpty()) {
			System.err.println("These tables failed, and say so in the report: " + generated.failed());
			System.exit(1);
		}
	}

	/**
	 * Return the value following an option, or {@code null} if it is absent.
	 * @throws IllegalArgumentException if the option is last, with no value
	 */
	static String option(List<String> arguments, String name) {
		int index = arguments.indexOf(name);
		if (index < 0) {
			return null;
		}
		if (index == arguments.size() - 1) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return arguments.get(index + 1);
	}

	private static Generated run(Jmh jmh, Set<String> sections, RunInfo run, Instant start)
			throws RunnerException, IOException, InterruptedException {
		Targets targets = new Targets();
		CacheTables caches = new CacheTables(jmh, targets, run.caption());
		IntegerEntriesTables integerEntries = new IntegerEntriesTables(jmh, targets, run.caption());
		SizingTables sizingTables = new SizingTables(jmh, targets, run.caption());
		StringBuilder results = new StringBuilder(String.format(Locale.ROOT, "Mode %s. %s%n%n", jmh.mode().describe(),
				run.environment()));
		List<String> done = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		StringBuilder sizing = new StringBuilder();
		for (String section : SECTIONS) {
			if (!sections.contains(section)) {
				continue;
			}
			try {
				runSection(section, jmh, run, results, sizing, caches, integerEntries, sizingTables, targets);
				done.add(section);
			}
			catch (RunnerException | RuntimeException ex) {
				// One table that fails (a lost message in the coherence benchmark, say) must not
				// throw away the tables of an hour's run before it: the report says what failed
				ex.printStackTrace();
				failed.add(section);
				results.append(failure(section, run.caption(), ex));
			}
		}
		results.append("### Targets\n\n").append(run.caption()).append("\n\n").append(targets.table());
		results.append(String.format(Locale.ROOT, "%nThe run took %.1f minutes.%n",
				Duration.between(start, Instant.now()).toSeconds() / 60.0));
		String performance = done.containsAll(List.of("get", "put", "mixed", "lambda"))
				? caches.performance() + "\n" + run.caption() + "\n" : "";
		return new Generated(results.toString(), sizing.toString(), performance, failed);
	}

	/**
	 * Run the benchmarks of one section and append its tables, the sizing tables to
	 * {@code sizing}, the others to {@code results}.
	 */
	private static void runSection(String section, Jmh jmh, RunInfo run, StringBuilder results, StringBuilder sizing,
			CacheTables caches, IntegerEntriesTables integerEntries, SizingTables sizingTables, Targets targets)
			throws RunnerException, IOException, InterruptedException {
		switch (section) {
			case "get" -> results.append(caches.get());
			case "put" -> results.append(caches.put());
			case "mixed" -> results.append(caches.mixed());
			case "large" -> results.append(caches.large());
			case "writes" -> results.append(integerEntries.writes());
			case "configuration" -> results.append(integerEntries.configuration());
			case "scaling" -> results.append(caches.scaling());
			case "lambda" -> results.append(caches.lambda());
			case "sizing" -> {
				sizing.append(sizingTables.sizing(null));
				if (jmh.mode() == Jmh.Mode.FULL) {
					sizing.append(sizingTables.sizing(SizingTables.C1_ONLY));
				}
			}
			case "coherence" -> results.append(CoherenceBenchmark.table(jmh, run.caption()));
			default -> results.append(StartupCost.compare(jmh.mode().starts, targets, run.caption()));
		}
	}

	/**
	 * Return what the report says in place of a section whose benchmarks failed: the section, and
	 * the message of the failure's root, which JMH wraps in its own exceptions, as a cause or as
	 * suppressed.
	 */
	static String failure(String section, String caption, Throwable failure) {
		Throwable root = failure;
		while (true) {
			if (root.getSuppressed().length > 0) {
				root = root.getSuppressed()[0];
			}
			else if (root.getCause() != null) {
				root = root.getCause();
			}
			else {
				break;
			}
		}
		return String.format(Locale.ROOT, "### Section `%s`%n%n%s%n%nFailed: %s. The other sections ran.%n%n", section,
				caption, (root.getMessage() != null) ? root.getMessage() : root.toString());
	}

	/**
	 * The Markdown generated by a run.
	 * @param results the tables of docs/benchmarks.md but sizing's, and the targets
	 * @param sizing the sizing tables
	 * @param performance the summary in README.md
	 * @param failed the sections whose benchmarks failed
	 */
	private record Generated(String results, String sizing, String performance, List<String> failed) {
	}

}
