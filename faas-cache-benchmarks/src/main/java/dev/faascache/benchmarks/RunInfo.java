/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a set of results was measured on: the command, the commit of the checkout it ran in, the
 * day, the JVM and the machine, and a note on the machine's state, so that every table says
 * where its numbers come from.
 * @param command the command that produced the results
 * @param commit the abbreviated commit
 * @param dirty whether the checkout had uncommitted changes
 * @param date the day of the run, UTC
 * @param note what the person running it noted about the machine, or {@code null}
 */
record RunInfo(String command, String commit, boolean dirty, LocalDate date, String note) {

	/**
	 * Describe the run of the given command in the current directory's checkout.
	 */
	static RunInfo of(String command, String note) {
		String commit = git("rev-parse", "--short", "HEAD");
		String changes = git("status", "--porcelain", "--untracked-files=no");
		return new RunInfo(command, (commit != null) ? commit : "unknown", changes != null && !changes.isEmpty(),
				LocalDate.now(ZoneOffset.UTC), note);
	}

	/**
	 * Return the line that heads every table: command, commit and day.
	 */
	String caption() {
		return String.format(Locale.ROOT, "<sub>`%s` at commit `%s`%s, %s.%s</sub>", this.command, this.commit,
				this.dirty ? " with uncommitted changes" : "", this.date, (this.note != null) ? " " + this.note : "");
	}

	/**
	 * Return a paragraph on the JVM and the machine.
	 */
	String environment() {
		return String.format(Locale.ROOT, "JDK %s (%s), %d processors, %s, %s; JMH forks run with `%s`.",
				System.getProperty("java.version"), System.getProperty("java.vm.name"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
				String.join(" ", Jmh.HEAP));
	}

	/**
	 * Return the trimmed output of a git command, or {@code null} if git is missing or fails.
	 */
	private static String git(String... arguments) {
		List<String> command = new ArrayList<>(List.of("git"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String output;
			try (InputStream in = process.getInputStream()) {
				output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
			}
			boolean done = process.waitFor(10, TimeUnit.SECONDS);
			return (done && process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
