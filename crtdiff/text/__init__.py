"""Text primitives: decoding, Unicode normalisation, sentence splitting."""
