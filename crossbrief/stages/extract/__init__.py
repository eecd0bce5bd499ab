"""Stage 4, extract: entities, quantities, time expressions, attribution and modality per
sentence. ``story.extract_story`` runs them over a story; the other modules are the parts."""
