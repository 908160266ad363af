/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Spring Cache support for FaasCache, usable without Spring Boot: {@link dev.faascache.spring.FaasCacheManager}
 * and {@link dev.faascache.spring.FaasSpringCache}, the two-level cache with its circuit breaker and the
 * coherence of the heaps of the instances, and the restore handler for SnapStart and CRaC.
 */
@NullMarked
package dev.faascache.spring;

import org.jspecify.annotations.NullMarked;
