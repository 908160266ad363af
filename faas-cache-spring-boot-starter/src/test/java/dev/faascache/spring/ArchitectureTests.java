/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Checks that the starter's packages depend on each other in one direction only: the
 * auto-configuration on the library, the library on the core, and never back.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.faascache");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.faascache.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void libraryDoesNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("dev.faascache.spring.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.faascache.spring.autoconfigure..")
			.check(classes);
	}

}
