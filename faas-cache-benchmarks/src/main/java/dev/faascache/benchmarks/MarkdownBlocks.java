/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces generated blocks of a Markdown file, each between an HTML comment that opens it and
 * one that closes it, so that the tables the docs show are regenerated from a run while the
 * text around them is left as written:
 * <pre class="code">
 * &lt;!-- benchmarks:results --&gt;
 * ...generated...
 * &lt;!-- /benchmarks:results --&gt;
 * </pre>
 */
final class MarkdownBlocks {

	private MarkdownBlocks() {
	}

	/**
	 * Replace the content of the named block of the file.
	 * @throws IllegalStateException if the file does not hold the block once, opened and closed
	 */
	static void replace(Path file, String block, String content) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		String open = "<!-- benchmarks:" + block + " -->";
		String close = "<!-- /benchmarks:" + block + " -->";
		int start = text.indexOf(open);
		int end = text.indexOf(close);
		if (start < 0 || end < start || text.indexOf(open, start + 1) >= 0) {
			throw new IllegalStateException(file + " must hold the block " + open + " ... " + close + " once");
		}
		String updated = text.substring(0, start + open.length()) + "\n" + content.strip() + "\n"
				+ text.substring(end);
		Files.writeString(file, updated, StandardCharsets.UTF_8);
	}

}
