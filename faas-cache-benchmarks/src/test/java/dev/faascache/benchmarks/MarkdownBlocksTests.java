/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Regenerating the docs replaces the generated tables and leaves the text around them as written.
 */
class MarkdownBlocksTests {

	@TempDir
	Path directory;

	@Test
	void replace_keepsTheTextAroundTheBlock_andMarkersQuotedInIt() throws IOException {
		Path file = this.directory.resolve("benchmarks.md");
		Files.writeString(file, "# Benchmarks\n\nThe report fills `<!-- benchmarks:results -->`.\n\n"
				+ "<!-- benchmarks:results -->\nold table\n<!-- /benchmarks:results -->\n\n## Empty cache\n\nBy hand.\n");
		MarkdownBlocks.replace(file, "results", "| new | table |\n");
		assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\nThe report fills `<!-- benchmarks:results -->`.\n\n"
				+ "<!-- benchmarks:results -->\n| new | table |\n<!-- /benchmarks:results -->\n\n## Empty cache\n\nBy hand.\n");
	}

	@Test
	void replace_withoutTheBlock_failsAndLeavesTheFile() throws IOException {
		Path file = this.directory.resolve("README.md");
		Files.writeString(file, "# README\n<!-- benchmarks:results -->\n");
		assertThatIllegalStateException().isThrownBy(() -> MarkdownBlocks.replace(file, "results", "table"))
			.withMessageContaining("<!-- benchmarks:results --> ... <!-- /benchmarks:results -->");
		assertThat(Files.readString(file)).isEqualTo("# README\n<!-- benchmarks:results -->\n");
	}

	@Test
	void replace_everyBlockTheReportWrites_isInTheDocs() throws IOException {
		Path docs = this.directory.resolve("docs/benchmarks.md");
		Files.createDirectories(docs.getParent());
		Files.copy(Path.of("../docs/benchmarks.md"), docs);
		Path readme = Files.copy(Path.of("../README.md"), this.directory.resolve("README.md"));
		for (String block : List.of("results", "sizing", "hit-ratio")) {
			MarkdownBlocks.replace(docs, block, "generated " + block);
		}
		MarkdownBlocks.replace(readme, "performance", "generated performance");
		assertThat(Files.readString(docs)).contains("generated results", "generated sizing", "generated hit-ratio");
		assertThat(Files.readString(readme)).contains("## Performance", "generated performance", "## Known limits");
	}

}
