/**
 * The sandbox's own records. They mirror what XPM and Gusto store, not what the app stores:
 * XPM keeps the address as one multi-line string and the tax number unmasked (it is masked only
 * on output); Gusto splits contact details across signatory, admins and locations.
 */

/** How a record is deliberately broken by the malformed-record test control. */
export type MalformedMode = 'missing-name' | 'missing-uuid' | 'bad-values';

export interface XpmContact {
  uuid: string;
  name: string;
  salutation: string | null;
  addressee: string | null;
  mobile: string | null;
  email: string | null;
  phone: string | null;
  position: string | null;
  isPrimary: boolean;
  isDeleted: boolean;
}

/** A staff member or group as XPM references it: `<AccountManager><UUID/><Name/></AccountManager>`. */
export interface XpmRef {
  uuid: string;
  name: string;
}

/** GST periods in months, as requests send them (responses show "Monthly", "Two Monthly", "Six Monthly"). */
export type XpmGstPeriod = 1 | 2 | 6;

export interface XpmClientType {
  name: string;
  costMarkup: number;
  paymentTerm: string;
  paymentDay: number;
}

export interface XpmJob {
  /** The job number, e.g. J000123. */
  id: string;
  uuid: string;
  name: string;
  description: string;
  clientUuid: string;
  contactUuid: string | null;
  clientOrderNumber: string | null;
  budget: number | null;
  state: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  dueDate: string;
  createdAt: number;
}

export interface XpmClient {
  uuid: string;
  /** Insertion order; paged-list cursors use it so pages stay stable while records change. */
  seq: number;
  name: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  website: string | null;
  address: string | null;
  city: string | null;
  region: string | null;
  postCode: string | null;
  country: string | null;
  postalAddress: string | null;
  postalCity: string | null;
  postalRegion: string | null;
  postalPostCode: string | null;
  postalCountry: string | null;
  /** Stored unmasked; every response masks it. */
  taxNumber: string | null;
  companyNumber: string | null;
  businessNumber: string | null;
  businessStructure: string | null;
  referralSource: string | null;
  exportCode: string | null;
  clientCode: string | null;
  balanceMonth: number | null;
  gstRegistered: boolean | null;
  prepareGst: boolean | null;
  gstPeriod: XpmGstPeriod | null;
  gstBasis: string | null;
  prepareActivityStatement: boolean | null;
  prepareTaxReturn: boolean | null;
  accountManager: XpmRef | null;
  jobManager: XpmRef | null;
  /** Set in XPM's UI only: no request field writes it, so updates keep it. */
  type: XpmClientType | null;
  /** Changed through clientgroup.api, never by client.api/update. */
  groups: XpmRef[];
  isProspect: boolean;
  isArchived: boolean;
  isDeleted: boolean;
  contacts: XpmContact[];
  notes: { title: string; text: string; date: string }[];
  /** Epoch ms of the last change; `modifiedsince` filters on it. */
  modifiedAt: number;
  malformed: MalformedMode | null;
}

export interface XpmTenant {
  id: string;
  name: string;
  clients: Map<string, XpmClient>;
  /** contact uuid → client uuid */
  contactOwner: Map<string, string>;
  nextSeq: number;
  /** Staff who can be account or job managers. */
  staff: XpmRef[];
  groups: XpmRef[];
  /** job number → job */
  jobs: Map<string, XpmJob>;
  nextJobNumber: number;
}

export interface GustoAddress {
  street_1: string;
  street_2: string | null;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export interface GustoLocation extends GustoAddress {
  uuid: string;
  phone_number: string;
  mailing_address: boolean;
  filing_address: boolean;
  active: boolean;
  /** Epoch ms; rendered as ISO strings. Numbers so a reset can shift the seed to a new clock. */
  createdAt: number;
  updatedAt: number;
}

export interface GustoAdmin {
  uuid: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
}

export interface GustoSignatory {
  uuid: string;
  first_name: string;
  middle_initial: string | null;
  last_name: string;
  phone: string;
  email: string;
  home_address: GustoAddress;
}

export type GustoEntityType =
  | 'C-Corporation'
  | 'S-Corporation'
  | 'Sole proprietor'
  | 'LLC'
  | 'LLP'
  | 'Limited partnership'
  | 'Co-ownership'
  | 'Association'
  | 'Trusteeship'
  | 'General partnership'
  | 'Joint venture'
  | 'Non-Profit';

export interface GustoCompany {
  uuid: string;
  name: string;
  trade_name: string | null;
  ein: string;
  entity_type: GustoEntityType | null;
  tier: 'simple' | 'plus' | 'premium' | 'core' | 'complete' | 'concierge' | 'contractor_only' | 'basic' | null;
  is_suspended: boolean;
  company_status: 'Approved' | 'Not Approved' | 'Suspended';
  contractor_only: boolean;
  joinedAt: number | null;
  funding_type: 'ach' | 'reverse_wire' | 'wire_in' | 'brex' | null;
  pay_schedule_type: 'single' | 'hourly_salaried' | 'by_employee' | 'by_department' | null;
  locations: GustoLocation[];
  admins: GustoAdmin[];
  signatory: GustoSignatory | null;
  updatedAt: number;
  malformed: MalformedMode | null;
}
