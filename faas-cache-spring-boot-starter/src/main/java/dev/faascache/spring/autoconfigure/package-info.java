/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Auto-configuration of FaasCache as the Spring Cache provider, configured under {@code faas.cache}.
 */
@NullMarked
package dev.faascache.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
