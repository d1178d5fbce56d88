package io.ragplatform.eval;
