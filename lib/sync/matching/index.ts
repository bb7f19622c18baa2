export { foldText } from './fold';
export { normalizeName } from './normalize-name';
export { LEGAL_SUFFIXES } from './legal-suffixes';
export { trigrams, trigramSimilarity, setSimilarity } from './trigram';
export { emailDomain, isFreeMailDomain, normalizeEmail } from './email';
export { differingNumber, normalizeTaxNumber, taxNumbersMatch, MIN_VISIBLE_DIGITS, type DifferingNumber, type NormalizedTaxNumber, type NumberedRecord } from './tax-number';
export {
  DEFAULT_SIMILAR_NAME_THRESHOLD,
  findAutoLinkTarget,
  findDuplicateCandidates,
  isAutoLinkMatch,
  type AutoLinkTarget,
  type DuplicateCandidate,
  type DuplicateCheckable,
  type DuplicateOptions,
  type DuplicateReason,
} from './duplicates';
export { PRACTICE_SOURCE, rankSearchResults, type MatchKind, type RankedEntry, type RankedResults, type RankOptions, type ResultGroup, type SearchRecord } from './rank-search';
export { highlightRanges, type HighlightRange } from './highlight';
export {
  BULK_CONFIDENCE_CHOICES,
  compareSuggestions,
  NAME_ONLY_MIN_SIMILARITY,
  planBulkConfirm,
  scoreSuggestedMatch,
  selectSuggestions,
  type Candidate,
  type Scored,
  type BulkConfirmPlan,
  type PairKey,
  type RankedPair,
  type SkipReason,
  type SuggestionReason,
  type SuggestionScore,
} from './suggested-match';
export { candidatesAfterDecision, type PairDecision } from './after-decision';
