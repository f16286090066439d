/**
 * The IIS configuration schema as data: what IIS's own schema files (%windir%\System32\inetsrv\config\schema\*.xml)
 * say about sections, elements, attributes and collections, and what our bundled profiles say in the same format.
 * Pure data; the loader builds it, the validator reads it.
 */

export type AttributeType = 'string' | 'bool' | 'enum' | 'flags' | 'uint' | 'int' | 'int64' | 'timeSpan';

export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'bool', 'enum', 'flags', 'uint', 'int', 'int64', 'timeSpan'];

export interface EnumValue {
  name: string;
  /** The numeric value (IIS also accepts it written as a number). */
  value: number;
}

export type Validator =
  | { kind: 'integerRange'; min: number; max: number; exclude: boolean }
  | { kind: 'timeSpanRange'; min: number; max: number; granularity: number }
  | { kind: 'nonEmptyString' }
  | { kind: 'requireTrimmedString' }
  /** A validator we do not model (applicationPoolName, siteName...): carried, never judged. */
  | { kind: 'other'; name: string };

export interface AttributeSchema {
  name: string;
  type: AttributeType;
  defaultValue?: string;
  required: boolean;
  isUniqueKey: boolean;
  isCombinedKey: boolean;
  caseSensitive: boolean;
  /** Environment variables (%NAME%) are expanded in the value. */
  expanded: boolean;
  encrypted: boolean;
  /** Enum or flag values, in schema order. */
  values: EnumValue[];
  validator?: Validator;
  /** Version tokens that have this attribute (profiles only); undefined: every version. */
  versions?: string[];
}

export interface CollectionSchema {
  /** Item element names (`add`, or `mimeMap`, or `allow,deny`...). */
  addElements: string[];
  removeElement?: string;
  clearElement?: string;
  allowDuplicates: boolean;
  mergeAppend: boolean;
  /** Unknown attributes on items are accepted (appSettings-like provider collections). */
  allowUnrecognizedAttributes: boolean;
  /** The item's attributes and child elements. */
  item: ElementSchema;
}

export interface ElementSchema {
  name: string;
  attributes: Map<string, AttributeSchema>;
  elements: Map<string, ElementSchema>;
  collection?: CollectionSchema;
  allowUnrecognizedAttributes: boolean;
  versions?: string[];
  /**
   * Attributes and elements the chosen target does not have but another version does (name → the version tokens
   * that have it): "not in the target version" instead of "unrecognized".
   */
  elsewhere?: Map<string, string[]>;
  /** A section we know exists but do not describe (profiles only): its contents are not judged. */
  opaque?: boolean;
}

export interface SectionSchema extends ElementSchema {
  /** The full name, `system.webServer/security/requestFiltering`. */
  path: string;
  /** Where the section may be set, when the schema file says so (profiles; IIS's own files never do). */
  allowDefinition?: 'Everywhere' | 'MachineOnly' | 'MachineToApplication' | 'AppHostOnly';
  overrideModeDefault?: 'Allow' | 'Deny';
}

/** One schema file as loaded: every section definition it has (a name may be defined once per version). */
export interface SchemaFile {
  /** The file name, for messages. */
  source: string;
  sections: SectionSchema[];
  /** Version tokens of the whole file (profiles: `<configSchema flaskIis:versions="hph2">`). */
  versions?: string[];
  /** Problems found while loading (a broken file is skipped, never fatal). */
  problems: string[];
}

/** The schema a check runs with: one definition per section, chosen for the target. */
export interface Schema {
  /** `host`: IIS's own files (exact: an unknown section is an error); `profiles`: ours (a warning). */
  origin: 'host' | 'profiles';
  sections: Map<string, SectionSchema>;
  /** Every section group path (`system.webServer`, `system.webServer/security`...). */
  groups: Set<string>;
  /** The target tokens the schema was chosen for (profiles). */
  target: string[];
  /** Sections that exist only in other versions (path → tokens): "not in the target version". */
  elsewhere: Map<string, string[]>;
}
