// Words for the rules of leaving prison and after (orphans, meetings as held, applications, finer consent, rule sets):
// bokmål first, English one click away, in the language the rest of the app speaks.
import { currentLang, type Lang } from './i18n';

const agencyNb: Record<string, string> = {
  Person: 'Personen', Prison: 'Fengselet', Friomsorg: 'Friomsorgen', Municipality: 'Kommunen', Nav: 'NAV', Health: 'Helsetjenesten',
  School: 'Skolen', Ngo: 'Frivillige organisasjoner', Other: 'Andre',
};
const agencyEn: Record<string, string> = {
  Person: 'The person', Prison: 'The prison', Friomsorg: 'Friomsorg', Municipality: 'The municipality', Nav: 'NAV', Health: 'Health services',
  School: 'School', Ngo: 'Voluntary organisations', Other: 'Others',
};

const nb = {
  releaseFormLabel: 'Form',
  releaseForm: (f: string) => (({ Parole: 'prøveløslatelse', ElectronicMonitoring: 'elektronisk kontroll', CommunityServing: 'soning i samfunnet', FullTime: 'full tid' } as Record<string, string>)[f] ?? f),
  orphansTitle: 'Ansvar ingen kan følge opp',
  orphanedCount: (n: number) => (n === 1 ? '1 ansvar uten noen som kan følge opp' : `${n} ansvar uten noen som kan følge opp`),
  orphansIntro: 'Den ansvarlige kan ikke lenger handle i saken. Lederen ved enheten er varslet. Overfør ansvaret, eller la en leder flytte det.',
  orphanCause: (cause: string, owner: string, unit: string) =>
    cause === 'StaffRemoved' ? `${owner} jobber ikke lenger ved ${unit}`
      : cause === 'CaseMovedAway' ? `${owner} er ved ${unit}, som saken har flyttet fra`
        : `${owner} er i fengselet, og personen er ute`,
  subjectName: (s: string) => (s === 'coordinator' ? 'Koordinator' : ({ housing: 'Bolig', 'income-debt': 'Inntekt og gjeld', 'physical-health': 'Fysisk helse', 'mental-health': 'Psykisk helse', 'substance-use': 'Rus' } as Record<string, string>)[s] ?? s),
  since: (d: string) => `siden ${d}`,
  heldTitle: (title: string) => `Innkalling og referat: ${title}`,
  invited: 'Invitert',
  place: 'Sted',
  videoLink: 'Videolenke',
  chair: 'Møteleder',
  chairCoordinator: 'Koordinatoren',
  invitationSent: 'Innkalling sendt',
  apologies: 'Forfall',
  whoIsInvited: 'Hvem inviteres (alle som har ansvar for et tiltak skal være med; personen er alltid invitert)',
  sendInvitation: 'Send innkalling',
  sendAgain: 'Send endret innkalling',
  invitationSentNow: 'Innkallingen er sendt.',
  sendApologies: 'Meld forfall',
  apologiesSent: 'Forfallet er registrert.',
  guests: 'Gjester',
  guestName: 'Gjestens navn',
  guestRoleLabel: 'Hvem er gjesten',
  guestRole: (r: string) => (({ Interpreter: 'tolk', Lawyer: 'advokat', Family: 'familie', Other: 'annen' } as Record<string, string>)[r] ?? r),
  addGuest: 'Før på gjest',
  guestAdded: 'Gjesten står på referatet.',
  guestsHint: 'Gjester som ikke er med i ansvarsgruppa står på referatet, men ser ikke planen.',
  approveMinutes: 'Godkjenn og send referatet',
  minutesApprovedNow: 'Referatet er godkjent og sendt til medlemmene og personen.',
  minutesSent: (at: string) => `Referatet er godkjent ${at} og sendt til:`,
  applicationKind: (k: string) => (({ Housing: 'Bolig', SocialAssistance: 'Sosialhjelp', Benefits: 'Ytelser', Treatment: 'Behandling', Education: 'Utdanning', Other: 'Annet' } as Record<string, string>)[k] ?? k),
  applicationStep: (s: string) => (({ Planned: 'planlagt', Applied: 'søkt', Granted: 'innvilget', Refused: 'avslått', Appealed: 'klaget', AppealGranted: 'klage innvilget', AppealRefused: 'klage avslått' } as Record<string, string>)[s] ?? s),
  applicationStepLabel: 'Steg i søknaden',
  applicationKindLabel: 'Søknad om',
  partner: 'Til (etat eller kontor)',
  date: 'Dato',
  recordStep: 'Før inn steget',
  isApplication: 'Tiltaket er en søknad',
  applicationRecorded: 'Steget i søknaden er ført inn.',
  infoTitle: 'Be om opplysninger fra en annen etat',
  infoConsentGiven: (until: string | null) => `Personen har samtykket til at dere henter opplysninger fra andre etater${until ? ` (til og med ${until})` : ''}.`,
  infoConsentMissing: 'Personen har ikke samtykket til at dere henter opplysninger fra andre etater. Det samtykket er eget, ved siden av deling.',
  infoFrom: 'Fra',
  infoWhat: 'Hva dere ber om',
  infoAsk: 'Be om opplysningene',
  infoAsked: 'Forespørselen er ført i saken.',
  agency: (a: string) => agencyNb[a] ?? a,
  sharingTitle: 'Hvem du deler planen med',
  sharingIntro: 'Du kan velge bort etater du ikke vil at skal se det som står i planen din. De ser da bare hvilke områder som finnes og hvem som har ansvaret. Fengselet og friomsorgen har saken uansett.',
  sharedWith: 'ser planen din',
  notSharedWith: 'ser ikke det som står i planen din',
  leaveOut: 'Ikke del med dem',
  shareAgain: 'Del med dem igjen',
  notShared: (a: string) => `${a} ser ikke lenger det som står i planen din.`,
  sharedAgain: (a: string) => `${a} ser planen din igjen.`,
  scopeName: (s: string) => (({ PlanSharing: 'Deling i ansvarsgruppa', PartnerSystems: 'Deling med etatenes datasystemer', ObtainInformation: 'Innhenting av opplysninger' } as Record<string, string>)[s] ?? s),
  consentEnds: (scope: string, day: string) => `${scope} gjelder til og med ${day}.`,
};

type RulesWords = typeof nb;

const en: RulesWords = {
  releaseFormLabel: 'Form',
  releaseForm: (f) => (({ Parole: 'parole', ElectronicMonitoring: 'electronic monitoring', CommunityServing: 'serving in the community', FullTime: 'full time' } as Record<string, string>)[f] ?? f),
  orphansTitle: 'Responsibilities nobody can act on',
  orphanedCount: (n) => (n === 1 ? '1 responsibility nobody can act on' : `${n} responsibilities nobody can act on`),
  orphansIntro: 'The owner can no longer act on the case. The unit\'s leader has been told. Hand it over, or have a leader move it.',
  orphanCause: (cause, owner, unit) =>
    cause === 'StaffRemoved' ? `${owner} no longer works at ${unit}`
      : cause === 'CaseMovedAway' ? `${owner} is at ${unit}, which the case has left`
        : `${owner} is in the prison, and the person is out`,
  subjectName: (s) => (s === 'coordinator' ? 'Coordinator' : ({ housing: 'Housing', 'income-debt': 'Income and debt', 'physical-health': 'Physical health', 'mental-health': 'Mental health', 'substance-use': 'Substance use' } as Record<string, string>)[s] ?? s),
  since: (d) => `since ${d}`,
  heldTitle: (title) => `Invitation and minutes: ${title}`,
  invited: 'Invited',
  place: 'Place',
  videoLink: 'Video link',
  chair: 'Chair',
  chairCoordinator: 'The coordinator',
  invitationSent: 'Invitation sent',
  apologies: 'Apologies',
  whoIsInvited: 'Who is invited (everyone responsible for a measure must be; the person always is)',
  sendInvitation: 'Send the invitation',
  sendAgain: 'Send the changed invitation',
  invitationSentNow: 'The invitation has been sent.',
  sendApologies: 'Send apologies',
  apologiesSent: 'Your apologies are recorded.',
  guests: 'Guests',
  guestName: 'Guest\'s name',
  guestRoleLabel: 'Who the guest is',
  guestRole: (r) => (({ Interpreter: 'interpreter', Lawyer: 'lawyer', Family: 'family', Other: 'other' } as Record<string, string>)[r] ?? r),
  addGuest: 'Add the guest',
  guestAdded: 'The guest is on the minutes.',
  guestsHint: 'Guests who are not members of the group are on the minutes but do not see the plan.',
  approveMinutes: 'Approve and send the minutes',
  minutesApprovedNow: 'The minutes are approved and sent to the members and the person.',
  minutesSent: (at) => `The minutes were approved ${at} and sent to:`,
  applicationKind: (k) => (({ Housing: 'Housing', SocialAssistance: 'Social assistance', Benefits: 'Benefits', Treatment: 'Treatment', Education: 'Education', Other: 'Other' } as Record<string, string>)[k] ?? k),
  applicationStep: (s) => (({ Planned: 'planned', Applied: 'applied', Granted: 'granted', Refused: 'refused', Appealed: 'appealed', AppealGranted: 'appeal granted', AppealRefused: 'appeal refused' } as Record<string, string>)[s] ?? s),
  applicationStepLabel: 'Step of the application',
  applicationKindLabel: 'Application for',
  partner: 'To (agency or office)',
  date: 'Date',
  recordStep: 'Record the step',
  isApplication: 'The measure is an application',
  applicationRecorded: 'The application step is recorded.',
  infoTitle: 'Ask another agency for information',
  infoConsentGiven: (until) => `The person has consented to information being obtained from other agencies${until ? ` (until ${until})` : ''}.`,
  infoConsentMissing: 'The person has not consented to information being obtained from other agencies. That consent is its own, apart from sharing.',
  infoFrom: 'From',
  infoWhat: 'What you ask for',
  infoAsk: 'Ask for the information',
  infoAsked: 'The request is recorded in the case.',
  agency: (a) => agencyEn[a] ?? a,
  sharingTitle: 'Whom you share your plan with',
  sharingIntro: 'You can leave out agencies you do not want to see what your plan says. They then see only which areas exist and who is responsible. The prison and friomsorg hold the case regardless.',
  sharedWith: 'sees your plan',
  notSharedWith: 'does not see what your plan says',
  leaveOut: 'Do not share with them',
  shareAgain: 'Share with them again',
  notShared: (a) => `${a} no longer sees what your plan says.`,
  sharedAgain: (a) => `${a} sees your plan again.`,
  scopeName: (s) => (({ PlanSharing: 'Sharing in the group', PartnerSystems: 'Sharing with the agencies\' systems', ObtainInformation: 'Obtaining information' } as Record<string, string>)[s] ?? s),
  consentEnds: (scope, day) => `${scope} lasts until ${day}.`,
};

const dicts: Record<Lang, RulesWords> = { nb, en };

/** The words in the language chosen. */
export function rw(): RulesWords {
  return dicts[currentLang()];
}

const rsNb = {
  title: 'Fristregler',
  intro: 'Fristene regnes etter et regelsett med versjon. Et nytt sett publiseres med virkningsdato, etter en prøvekjøring mot alle saker som viser hvor mange saker og frister det endrer. Hver frist viser regelen, versjonen og begrunnelsen den ble regnet med.',
  known: 'Regelsett',
  inForce: 'gjelder nå',
  shipped: 'levert med CaseGrid',
  effectiveFrom: (d: string) => `gjelder fra ${d}`,
  draftTitle: 'Nytt regelsett',
  draftHint: 'Utkastet starter som settet som gjelder nå. Gi det en ny versjon, endre fristene, og prøvekjør det.',
  document: 'Regelsettet (JSON)',
  effective: 'Virkningsdato',
  note: 'Hvorfor',
  dryRun: 'Prøvekjør mot alle saker',
  dryRunStarted: 'Prøvekjøringen er startet.',
  reportTitle: (v: string, was: string) => `Prøvekjøring av ${v} mot ${was}`,
  running: (done: number, all: number) => `Sammenligner sakene … ${done} av ${all}.`,
  summary: (cases: number, all: number, deadlines: number) => `${cases} av ${all} saker og ${deadlines} frister endres.`,
  byRule: (rule: string, n: number) => `${rule}: ${n} frister`,
  publish: (d: string) => `Publiser med virkning fra ${d}`,
  published: 'Regelsettet er publisert. Sakene regnes om fra virkningsdatoen.',
  nav: 'Fristregler',
};

type RuleSetWords = typeof rsNb;

const rsEn: RuleSetWords = {
  title: 'Deadline rules',
  intro: 'Deadlines are computed from a versioned rule set. A new set is published with an effective date, after a dry run against every case that shows how many cases and deadlines it changes. Every deadline shows the rule, the version and the reason it was computed with.',
  known: 'Rule sets',
  inForce: 'in force now',
  shipped: 'shipped with CaseGrid',
  effectiveFrom: (d) => `in force from ${d}`,
  draftTitle: 'New rule set',
  draftHint: 'The draft starts as the set in force now. Give it a new version, change the deadlines, and try it.',
  document: 'The rule set (JSON)',
  effective: 'Effective date',
  note: 'Why',
  dryRun: 'Dry run against every case',
  dryRunStarted: 'The dry run has started.',
  reportTitle: (v, was) => `Dry run of ${v} against ${was}`,
  running: (done, all) => `Comparing the cases … ${done} of ${all}.`,
  summary: (cases, all, deadlines) => `${cases} of ${all} cases and ${deadlines} deadlines change.`,
  byRule: (rule, n) => `${rule}: ${n} deadlines`,
  publish: (d) => `Publish, in force from ${d}`,
  published: 'The rule set is published. Cases are recomputed from its effective date.',
  nav: 'Deadline rules',
};

/** The rule-set page's words in the language chosen. */
export function rsw(): RuleSetWords {
  return currentLang() === 'en' ? rsEn : rsNb;
}
