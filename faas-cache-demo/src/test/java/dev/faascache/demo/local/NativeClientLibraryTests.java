/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which native library of the runtime interface client a local execution environment loads.
 */
class NativeClientLibraryTests {

	@Test
	void libraryIsTheClientsOwnForLinuxOnThisArchitecture() {
		assertThat(NativeClientLibrary.name("amd64", false)).hasValue("libaws-lambda-jni.linux-x86_64.so");
		assertThat(NativeClientLibrary.name("aarch64", false)).hasValue("libaws-lambda-jni.linux-aarch_64.so");
	}

	@Test
	void clientChoosesItselfOnMuslOrAnUnknownArchitecture() {
		assertThat(NativeClientLibrary.name("amd64", true)).isEmpty();
		assertThat(NativeClientLibrary.name("riscv64", false)).isEmpty();
	}

	@Test
	void withoutTheClientsJarNothingIsCopied(@TempDir Path directory) throws IOException {
		assertThat(NativeClientLibrary.copy(directory, directory.resolve("jni"), "amd64")).isEmpty();
	}

}
