/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
	 * Replace the content of the named block of the file, whose markers stand on lines of their
	 * own (a marker quoted in the text is not one).
	 * @throws IllegalStateException if the file does not hold the block once, opened and closed
	 */
	static void replace(Path file, String block, String content) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		String open = "<!-- benchmarks:" + block + " -->";
		String close = "<!-- /benchmarks:" + block + " -->";
		Matcher opens = line(open).matcher(text);
		Matcher closes = line(close).matcher(text);
		if (!opens.find() || !closes.find(opens.end()) || opens.find()) {
			throw new IllegalStateException(file + " must hold the block " + open + " ... " + close
					+ " once, each marker on a line of its own");
		}
		opens.reset().find();
		String updated = text.substring(0, opens.end()) + "\n" + content.strip() + "\n"
				+ text.substring(closes.start());
		Files.writeString(file, updated, StandardCharsets.UTF_8);
	}

	private static Pattern line(String marker) {
		return Pattern.compile("^" + Pattern.quote(marker) + "$", Pattern.MULTILINE);
	}

}
