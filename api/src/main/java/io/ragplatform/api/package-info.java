package io.ragplatform.api;
