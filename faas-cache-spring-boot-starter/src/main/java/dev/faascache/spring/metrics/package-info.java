/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Micrometer meters of the caches and of their second level.
 */
@NullMarked
package dev.faascache.spring.metrics;

import org.jspecify.annotations.NullMarked;
