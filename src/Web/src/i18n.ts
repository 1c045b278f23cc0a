// Norwegian bokmål is the interface language; English is one click away. Words only, no formatting logic
// beyond dates.
import { refusalsEn, refusalsNb } from './refusals';

export type Lang = 'nb' | 'en';

const nb = {
  appName: 'CaseGrid',
  skip: 'Hopp til innholdet',
  langToggle: 'English',
  langToggleLabel: 'Switch to English',
  signOut: 'Logg ut',
  signedInAs: 'Innlogget som',
  navMeeting: 'Møtet',
  navBoard: 'Tavla',
  navMine: 'Min plan',
  signInTitle: 'Logg inn',
  signInIntro: 'Utviklingsinnlogging: velg en demobruker. Tokenet lagres bare i denne fanen.',
  signInFailed: 'Innloggingen feilet. Kjører CaseGrid med utviklingsutstederen på?',
  signInAs: 'Logg inn som',
  connConnecting: 'Kobler til …',
  connReconnecting: 'Forbindelsen er brutt. Prøver å koble til igjen – det du ser kan være utdatert, og endringer kan ikke lagres nå.',
  connDisconnected: 'Ingen forbindelse med CaseGrid. Prøver igjen om litt – det du ser kan være utdatert, og endringer kan ikke lagres nå.',
  connBack: 'Tilkoblet igjen – siden er oppdatert.',
  offlineRefused: 'Du er frakoblet. Endringen er ikke lagret – teksten din er beholdt, prøv igjen når forbindelsen er tilbake.',
  offlineNote: 'Du er frakoblet. Endringer kan ikke lagres før forbindelsen er tilbake.',
  loading: 'Henter …',
  notFound: 'Fant ikke siden.',
  accessEnded: 'Du har ikke lenger tilgang til denne saken.',
  version: 'Versjon',
  phase: 'Fase',
  expectedRelease: 'Forventet løslatelse',
  unknownDate: 'ukjent',
  coordinator: 'Koordinator',
  plan: 'Planen etter behovsområde',
  owner: 'Ansvarlig',
  noOwner: 'Ingen ansvarlig',
  supporters: 'Støtter',
  ownWords: 'Med egne ord',
  detailsWithheld: 'Detaljene er skjermet for deg. Du ser at området finnes og hvem som eier det.',
  assessment: 'Vurdering',
  noAssessment: 'Ingen vurdering ennå.',
  edit: 'Rediger',
  save: 'Lagre',
  cancel: 'Avbryt',
  editing: 'redigerer',
  lockedBy: (name: string) => `${name} redigerer`,
  lockRefused: (name: string) => `${name} redigerer dette feltet nå. Prøv igjen når de er ferdige.`,
  conflictTitle: 'Noen andre endret dette samtidig',
  conflictTheirs: 'Slik står det nå:',
  conflictYours: 'Din tekst (ikke lagret):',
  conflictRedo: 'Lagre min tekst over deres',
  conflictKeepTheirs: 'Behold deres',
  goals: 'Mål',
  noGoals: 'Ingen mål.',
  achieved: 'nådd',
  addGoal: 'Legg til mål',
  goalText: 'Nytt mål',
  measures: 'Tiltak',
  noMeasures: 'Ingen tiltak.',
  addMeasure: 'Legg til tiltak',
  measureWhat: 'Hva skal gjøres',
  measureOwner: 'Hvem',
  measureDue: 'Frist',
  due: 'frist',
  proposals: 'Innspill',
  proposalFrom: 'fra',
  answer: 'Svar',
  otherProposals: 'Innspill uten behovsområde',
  members: 'Ansvarsgruppen',
  handovers: 'Overføringer av ansvar',
  noHandovers: 'Ingen overføringer.',
  handoverOf: 'Ansvar for',
  from: 'Fra',
  to: 'Til',
  planned: 'Planlagt',
  overlapMet: 'Overlapp oppfylt',
  overlapMissing: 'Overlapp ikke oppfylt ennå',
  accept: 'Godta',
  decline: 'Avslå',
  complete: 'Fullfør',
  declineReason: 'Grunn til avslag',
  offer: 'Tilby overføring',
  offerSubject: 'Hva',
  offerUnit: 'Til enhet',
  offerDate: 'Planlagt dato',
  offerNote: 'Merknad',
  refused: 'Ikke gjort:',
  done: 'Lagret.',
  presence: 'Til stede',
  nobodyHere: 'Ingen andre er her.',
  myMode: 'Jeg er',
  you: 'deg',
  recent: 'Siste endringer',
  board: 'Tavle',
  boardEmpty: 'Ingen saker på tavla.',
  person: 'Person',
  relation: 'Forhold',
  release: 'Løslatelse',
  daysLeft: (n: number) => (n < 0 ? `for ${-n} dager siden` : n === 0 ? 'i dag' : `om ${n} dager`),
  awaiting: 'Venter på svar fra enheten',
  awaitingCount: (n: number) => (n === 1 ? '1 overføring venter' : `${n} overføringer venter`),
  overdueCount: (n: number) => (n === 1 ? '1 frist er passert' : `${n} frister er passert`),
  unownedCount: (n: number) => (n === 1 ? '1 kritisk område uten ansvarlig etter løslatelse' : `${n} kritiske områder uten ansvarlig etter løslatelse`),
  nextDeadline: 'Neste frist',
  openCase: 'Åpne saken',
  myPlanTitle: 'Planen din',
  myPlanIntro: 'Her ser du hva som er avtalt, hvem som har ansvaret, og hva som skjer videre.',
  myRelease: (date: string, rel: string) => `Etter planen blir du løslatt ${date} (${rel}).`,
  myReleaseUnknown: 'Datoen for løslatelse er ikke bestemt ennå.',
  myContact: (name: string) => `Kontaktpersonen din er ${name}.`,
  youSaid: 'Du har sagt:',
  goalLabel: 'Målet:',
  responsible: 'Ansvarlig:',
  whatHappens: 'Dette skal skje:',
  by: 'innen',
  myProposals: 'Forslagene dine',
  noProposals: 'Du har ikke sendt forslag ennå.',
  waitingAnswer: 'Venter på svar.',
  proposeTitle: 'Foreslå en endring',
  proposeArea: 'Gjelder',
  proposeAny: 'Hele planen',
  proposeText: 'Hva vil du endre?',
  proposeSend: 'Send forslaget',
  proposeSent: 'Forslaget er sendt. Du får svar her.',
  consent: 'Samtykke',
  consentNone: 'Ingen samtykke til deling – detaljer er skjermet',
  consentDetailsWithheld: 'detaljer er skjermet',
  consentScopeShort: { PlanSharing: 'deling i gruppa', PartnerSystems: 'fagsystemer' } as Record<string, string>,
  consentTitle: 'Samtykke',
  consentIntro: 'Dette har du sagt ja til. Du kan trekke et samtykke tilbake når du vil – det gjelder med en gang. Du kan også si ja igjen.',
  consentScopeTitle: { PlanSharing: 'Deling i ansvarsgruppa', PartnerSystems: 'Etatenes egne datasystemer' } as Record<string, string>,
  consentScopeText: {
    PlanSharing: 'De som jobber med planen din – i kommunen, NAV, helsetjenesten og andre – kan se hva som står i den. Uten dette ser de bare hvilke områder planen har og hvem som har ansvaret.',
    PartnerSystems: 'Kommunen, NAV og de andre kan hente planen inn i sine egne datasystemer (fagsystemer). Uten dette kan planen bare leses her i CaseGrid.',
  } as Record<string, string>,
  consentYes: 'Du har sagt ja.',
  consentNo: 'Du har ikke sagt ja.',
  consentGive: 'Si ja',
  consentWithdraw: 'Trekk tilbake',
  consentConfirm: (title: string) => `Vil du trekke tilbake samtykket til «${title}»? Det gjelder med en gang.`,
  consentConfirmYes: 'Ja, trekk tilbake',
  consentLastChange: (who: string, when: string) => `Sist endret av ${who}, ${when}.`,
  consentGivenNow: 'Samtykket er registrert.',
  consentWithdrawnNow: 'Samtykket er trukket tilbake.',
  healthTitle: 'Hvem ser helseopplysningene mine',
  healthIntro: 'Det som står om helse, psykisk helse og rus, ser bare helsetjenesten og de du gir lov. Andre ser at området finnes og hvem som har ansvaret.',
  healthService: 'Ser dem – jobber i helsetjenesten.',
  healthApproved: (date: string) => `Ser dem – du ga lov ${date}.`,
  healthNotSeen: 'Ser dem ikke.',
  healthNoSharing: 'Men så lenge du ikke har sagt ja til deling i ansvarsgruppa, ser de ingen detaljer.',
  healthApprove: 'Gi lov',
  healthRevoke: 'Ta tilbake lov',
  healthNobody: 'Det er ingen andre i ansvarsgruppa ennå.',
  auditTitle: 'Hvem har sett planen min',
  auditIntro: 'Hver gang noen åpner planen din, blir det skrevet ned. Her ser du hvem, når og hva de fikk se. Det du selv har sett, er ikke med.',
  auditEmpty: 'Ingen andre har sett planen din ennå.',
  auditMore: 'Vis eldre',
  auditRefresh: 'Oppdater',
  auditVia: (system: string) => `via fagsystemet ${system}`,
  auditKind: {
    viewed: 'så planen din',
    presented: 'viste planen din på en felles skjerm',
    system: 'hentet planen til fagsystemet sitt',
    agenda: 'så sakslista til et møte',
    deadlines: 'så fristene i planen din',
    audit: 'så hvem som har sett planen din',
    other: 'slo opp i saken din',
  } as Record<string, string>,
  auditAccess: {
    Full: 'Så alt, også helseopplysningene.',
    HealthWithheld: 'Helseopplysningene var skjult.',
    DetailsWithheld: 'Så bare hvilke områder planen har og hvem som har ansvaret.',
  } as Record<string, string>,
  auditRefused: 'prøvde å åpne planen din, men fikk ikke lov',
  at: 'kl.',
  presentationToggle: 'Presentasjonsmodus',
  presentationBanner: 'Presentasjonsmodus: skjermen viser bare det alle i ansvarsgruppa kan se. Ingenting kan endres her.',
  presentationWithheld: 'Detaljene vises ikke på felles skjerm.',
  withheldText: 'skjermet',
  meetings: 'Møter',
  noMeetings: 'Ingen møter er satt opp.',
  scheduleMeeting: 'Sett opp møte',
  meetingTitle: 'Tittel',
  meetingWhen: 'Tidspunkt',
  openMeeting: 'Start møtet',
  closeMeeting: 'Avslutt møtet',
  agenda: 'Saksliste: endringer siden forrige møte',
  agendaEmpty: 'Ingen endringer siden forrige møte.',
  attendance: 'Til stede',
  noAttendees: 'Ingen er registrert som til stede ennå.',
  recordAttendance: 'Registrer',
  attendee: 'Deltaker',
  minutes: 'Referat',
  noMinutes: 'Ikke skrevet ennå.',
  decisions: 'Vedtak',
  noDecisions: 'Ingen vedtak ennå.',
  decisionText: 'Hva ble bestemt',
  decisionNeeds: 'Behovsområder',
  decisionOwner: 'Ansvarlig',
  decisionDue: 'Frist',
  recordDecision: 'Før inn vedtak (blir et tiltak)',
  becameMeasure: 'blir tiltak',
  moveTo: (status: string) => `Sett til «${status}»`,
  statusNote: 'Merknad',
  noteRequired: 'Skriv en merknad først.',
  goalAchieved: 'Nådd',
  editGoal: 'Endre mål',
  answerProposal: 'Svar',
  adopt: 'Ta inn i planen som tiltak',
  declineProposal: 'Ikke ta inn',
  answerText: 'Svar til forslagsstilleren',
  withdraw: 'Trekk tilbake',
  withdrawReason: 'Grunn til å trekke tilbake',
  oidcSignIn: 'Logg inn',
  oidcIntro: 'Du logges inn via organisasjonens innlogging.',
  oidcFailed: 'Innloggingen ble ikke fullført. Prøv igjen.',
  networkError: 'Fikk ikke kontakt med CaseGrid. Sjekk nettet og prøv igjen.',
  serverError: 'Noe gikk galt hos CaseGrid. Se etter om endringen er lagret før du prøver igjen.',
};

export type Dict = typeof nb;

const en: Dict = {
  appName: 'CaseGrid',
  skip: 'Skip to content',
  langToggle: 'Norsk',
  langToggleLabel: 'Bytt til norsk',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  navMeeting: 'Meeting',
  navBoard: 'Board',
  navMine: 'My plan',
  signInTitle: 'Sign in',
  signInIntro: 'Development sign-in: pick a demo user. The token is kept in this tab only.',
  signInFailed: 'Sign-in failed. Is CaseGrid running with the development issuer on?',
  signInAs: 'Sign in as',
  connConnecting: 'Connecting …',
  connReconnecting: 'The connection is lost. Reconnecting – what you see may be out of date, and changes cannot be saved now.',
  connDisconnected: 'No connection to CaseGrid. Trying again shortly – what you see may be out of date, and changes cannot be saved now.',
  connBack: 'Connected again – the page is up to date.',
  offlineRefused: 'You are offline. The change was not saved – your text is kept; try again when the connection is back.',
  offlineNote: 'You are offline. Changes cannot be saved until the connection is back.',
  loading: 'Loading …',
  notFound: 'Page not found.',
  accessEnded: 'You no longer have access to this case.',
  version: 'Version',
  phase: 'Phase',
  expectedRelease: 'Expected release',
  unknownDate: 'unknown',
  coordinator: 'Coordinator',
  plan: 'The plan by need area',
  owner: 'Owner',
  noOwner: 'No owner',
  supporters: 'Supporting',
  ownWords: 'In their own words',
  detailsWithheld: 'The details are withheld from you. You see that the area exists and who owns it.',
  assessment: 'Assessment',
  noAssessment: 'No assessment yet.',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  editing: 'is editing',
  lockedBy: (name: string) => `${name} is editing`,
  lockRefused: (name: string) => `${name} is editing this field now. Try again when they are done.`,
  conflictTitle: 'Someone else changed this at the same time',
  conflictTheirs: 'What it says now:',
  conflictYours: 'Your text (not saved):',
  conflictRedo: 'Save my text over theirs',
  conflictKeepTheirs: 'Keep theirs',
  goals: 'Goals',
  noGoals: 'No goals.',
  achieved: 'achieved',
  addGoal: 'Add goal',
  goalText: 'New goal',
  measures: 'Measures',
  noMeasures: 'No measures.',
  addMeasure: 'Add measure',
  measureWhat: 'What is to be done',
  measureOwner: 'Who',
  measureDue: 'Due',
  due: 'due',
  proposals: 'Proposals',
  proposalFrom: 'from',
  answer: 'Answer',
  otherProposals: 'Proposals without a need area',
  members: 'The ansvarsgruppe',
  handovers: 'Handovers of responsibility',
  noHandovers: 'No handovers.',
  handoverOf: 'Responsibility for',
  from: 'From',
  to: 'To',
  planned: 'Planned',
  overlapMet: 'Overlap met',
  overlapMissing: 'Overlap not met yet',
  accept: 'Accept',
  decline: 'Decline',
  complete: 'Complete',
  declineReason: 'Reason for declining',
  offer: 'Offer a handover',
  offerSubject: 'What',
  offerUnit: 'To unit',
  offerDate: 'Planned date',
  offerNote: 'Note',
  refused: 'Not done:',
  done: 'Saved.',
  presence: 'Present',
  nobodyHere: 'Nobody else is here.',
  myMode: 'I am',
  you: 'you',
  recent: 'Latest changes',
  board: 'Board',
  boardEmpty: 'No cases on the board.',
  person: 'Person',
  relation: 'Relation',
  release: 'Release',
  daysLeft: (n: number) => (n < 0 ? `${-n} days ago` : n === 0 ? 'today' : `in ${n} days`),
  awaiting: 'Awaiting the unit’s answer',
  awaitingCount: (n: number) => (n === 1 ? '1 handover waiting' : `${n} handovers waiting`),
  overdueCount: (n: number) => (n === 1 ? '1 deadline missed' : `${n} deadlines missed`),
  unownedCount: (n: number) => (n === 1 ? '1 critical area without an owner after release' : `${n} critical areas without an owner after release`),
  nextDeadline: 'Next deadline',
  openCase: 'Open the case',
  myPlanTitle: 'Your plan',
  myPlanIntro: 'Here you see what has been agreed, who is responsible, and what happens next.',
  myRelease: (date: string, rel: string) => `According to the plan you will be released on ${date} (${rel}).`,
  myReleaseUnknown: 'Your release date has not been set yet.',
  myContact: (name: string) => `Your contact person is ${name}.`,
  youSaid: 'You said:',
  goalLabel: 'The goal:',
  responsible: 'Responsible:',
  whatHappens: 'What will happen:',
  by: 'by',
  myProposals: 'Your proposals',
  noProposals: 'You have not sent any proposals yet.',
  waitingAnswer: 'Waiting for an answer.',
  proposeTitle: 'Propose a change',
  proposeArea: 'About',
  proposeAny: 'The whole plan',
  proposeText: 'What would you like to change?',
  proposeSend: 'Send the proposal',
  proposeSent: 'Your proposal was sent. The answer will show here.',
  consent: 'Consent',
  consentNone: 'No consent to sharing – details are withheld',
  consentDetailsWithheld: 'details are withheld',
  consentScopeShort: { PlanSharing: 'sharing in the group', PartnerSystems: 'agency systems' },
  consentTitle: 'Consent',
  consentIntro: 'This is what you have said yes to. You can withdraw a consent whenever you like – it takes effect at once. You can also say yes again.',
  consentScopeTitle: { PlanSharing: 'Sharing in the ansvarsgruppe', PartnerSystems: 'The agencies’ own computer systems' },
  consentScopeText: {
    PlanSharing: 'The people working on your plan – in the municipality, NAV, the health service and others – can see what it says. Without this they only see which areas the plan has and who is responsible.',
    PartnerSystems: 'The municipality, NAV and the others can fetch the plan into their own computer systems. Without this the plan can only be read here in CaseGrid.',
  },
  consentYes: 'You have said yes.',
  consentNo: 'You have not said yes.',
  consentGive: 'Say yes',
  consentWithdraw: 'Withdraw',
  consentConfirm: (title: string) => `Do you want to withdraw your consent to “${title}”? It takes effect at once.`,
  consentConfirmYes: 'Yes, withdraw',
  consentLastChange: (who: string, when: string) => `Last changed by ${who}, ${when}.`,
  consentGivenNow: 'Your consent is recorded.',
  consentWithdrawnNow: 'Your consent is withdrawn.',
  healthTitle: 'Who sees my health details',
  healthIntro: 'What is written about health, mental health and substance use is seen only by the health service and the people you allow. Others see that the area exists and who is responsible.',
  healthService: 'Sees them – works in the health service.',
  healthApproved: (date: string) => `Sees them – you allowed it on ${date}.`,
  healthNotSeen: 'Does not see them.',
  healthNoSharing: 'But as long as you have not said yes to sharing in the ansvarsgruppe, they see no details.',
  healthApprove: 'Allow',
  healthRevoke: 'Take back',
  healthNobody: 'There is nobody else in the ansvarsgruppe yet.',
  auditTitle: 'Who has seen my plan',
  auditIntro: 'Every time someone opens your plan, it is written down. Here you see who, when, and what they got to see. What you have looked at yourself is not included.',
  auditEmpty: 'Nobody else has seen your plan yet.',
  auditMore: 'Show older',
  auditRefresh: 'Refresh',
  auditVia: (system: string) => `through the system ${system}`,
  auditKind: {
    viewed: 'looked at your plan',
    presented: 'showed your plan on a shared screen',
    system: 'fetched your plan into their system',
    agenda: 'looked at a meeting agenda',
    deadlines: 'looked at the deadlines in your plan',
    audit: 'looked at who has seen your plan',
    other: 'looked something up in your case',
  },
  auditAccess: {
    Full: 'Saw everything, health details included.',
    HealthWithheld: 'Health details were hidden.',
    DetailsWithheld: 'Saw only which areas the plan has and who is responsible.',
  },
  auditRefused: 'tried to open your plan, but was not allowed to',
  at: 'at',
  presentationToggle: 'Presentation mode',
  presentationBanner: 'Presentation mode: the screen shows only what everyone in the ansvarsgruppe may see. Nothing can be changed here.',
  presentationWithheld: 'The details are not shown on a shared screen.',
  withheldText: 'withheld',
  meetings: 'Meetings',
  noMeetings: 'No meetings are scheduled.',
  scheduleMeeting: 'Schedule a meeting',
  meetingTitle: 'Title',
  meetingWhen: 'Time',
  openMeeting: 'Start the meeting',
  closeMeeting: 'Close the meeting',
  agenda: 'Agenda: changes since the last meeting',
  agendaEmpty: 'No changes since the last meeting.',
  attendance: 'Present',
  noAttendees: 'Nobody is recorded as present yet.',
  recordAttendance: 'Record',
  attendee: 'Attendee',
  minutes: 'Minutes',
  noMinutes: 'Not written yet.',
  decisions: 'Decisions',
  noDecisions: 'No decisions yet.',
  decisionText: 'What was decided',
  decisionNeeds: 'Need areas',
  decisionOwner: 'Owner',
  decisionDue: 'Due',
  recordDecision: 'Record decision (becomes a measure)',
  becameMeasure: 'becomes a measure',
  moveTo: (status: string) => `Set to “${status}”`,
  statusNote: 'Note',
  noteRequired: 'Write a note first.',
  goalAchieved: 'Achieved',
  editGoal: 'Edit goal',
  answerProposal: 'Answer',
  adopt: 'Adopt into the plan as a measure',
  declineProposal: 'Do not adopt',
  answerText: 'Answer to the proposer',
  withdraw: 'Withdraw',
  withdrawReason: 'Reason for withdrawing',
  oidcSignIn: 'Sign in',
  oidcIntro: 'You sign in through your organisation\'s sign-in.',
  oidcFailed: 'Sign-in was not completed. Please try again.',
  networkError: 'Could not reach CaseGrid. Check the network and try again.',
  serverError: 'Something went wrong in CaseGrid. Check whether the change was saved before trying again.',
};

const enums: Record<Lang, Record<string, string>> = {
  nb: {
    housing: 'Bolig', 'income-debt': 'Økonomi og gjeld', work: 'Arbeid', education: 'Utdanning',
    network: 'Nettverk og familie', progression: 'Progresjon', 'physical-health': 'Fysisk helse',
    'mental-health': 'Psykisk helse', 'substance-use': 'Rus', acute: 'Akutte behov', coordinator: 'Koordinatorrollen',
    NotAssessed: 'Ikke vurdert', NeedIdentified: 'Behov avdekket', InProgress: 'Under arbeid', Met: 'Dekket', DeclinedByPerson: 'Avslått av personen',
    Proposed: 'Foreslått', ChosenByPerson: 'Valgt av personen', AcceptedByOwner: 'Godtatt av etaten', Started: 'Startet', Delivered: 'Levert', Cancelled: 'Avlyst',
    Open: 'Åpent', Adopted: 'Tatt inn i planen', Rejected: 'Ikke tatt inn',
    Offered: 'Tilbudt', Accepted: 'Godtatt', Completed: 'Fullført', Declined: 'Avslått', Withdrawn: 'Trukket',
    Scheduled: 'Planlagt', Physical: 'I rommet', Digital: 'Digitalt',
    Viewing: 'Ser på', InRoom: 'I rommet', Remote: 'Fjerndeltaker',
    Person: 'Personen', Kontaktbetjent: 'Kontaktbetjent', FriomsorgOfficer: 'Friomsorgen', MunicipalCaseworker: 'Kommunen',
    NavAdvisor: 'NAV-veileder', HealthWorker: 'Helse', Teacher: 'Skole', NgoWorker: 'Frivillig organisasjon', Other: 'Annet',
    Summoned: 'Innkalt', Intake: 'Innsettelse', Serving: 'Soner', Community: 'I samfunnet', Released: 'Løslatt', Aftercare: 'Ettervern', Closed: 'Avsluttet',
    Current: 'Nåværende', Incoming: 'Innkommende',
    Prison: 'Fengsel', Friomsorg: 'Friomsorgen', Municipality: 'Kommunen', Nav: 'NAV', Health: 'Helsetjenesten', School: 'Skole', Ngo: 'Frivillig organisasjon',
  },
  en: {
    housing: 'Housing', 'income-debt': 'Income and debt', work: 'Work', education: 'Education',
    network: 'Network and family', progression: 'Sentence progression', 'physical-health': 'Physical health',
    'mental-health': 'Mental health', 'substance-use': 'Substance use', acute: 'Acute needs', coordinator: 'Coordinator role',
    NotAssessed: 'Not assessed', NeedIdentified: 'Need identified', InProgress: 'In progress', Met: 'Met', DeclinedByPerson: 'Declined by the person',
    Proposed: 'Proposed', ChosenByPerson: 'Chosen by the person', AcceptedByOwner: 'Accepted by the agency', Started: 'Started', Delivered: 'Delivered', Cancelled: 'Cancelled',
    Open: 'Open', Adopted: 'Adopted into the plan', Rejected: 'Not adopted',
    Offered: 'Offered', Accepted: 'Accepted', Completed: 'Completed', Declined: 'Declined', Withdrawn: 'Withdrawn',
    Scheduled: 'Scheduled', Physical: 'In the room', Digital: 'Remote',
    Viewing: 'Viewing', InRoom: 'In the room', Remote: 'Remote',
    Person: 'The person', Kontaktbetjent: 'Contact officer', FriomsorgOfficer: 'Probation', MunicipalCaseworker: 'Municipality',
    NavAdvisor: 'NAV advisor', HealthWorker: 'Health', Teacher: 'School', NgoWorker: 'Voluntary organisation', Other: 'Other',
    Summoned: 'Summoned', Intake: 'Intake', Serving: 'Serving', Community: 'In the community', Released: 'Released', Aftercare: 'Aftercare', Closed: 'Closed',
    Current: 'Current', Incoming: 'Incoming',
    Prison: 'Prison', Friomsorg: 'Probation', Municipality: 'Municipality', Nav: 'NAV', Health: 'Health service', School: 'School', Ngo: 'Voluntary organisation',
  },
};

/** Plain-language need status for the person's own view. */
const plainStatus: Record<Lang, Record<string, string>> = {
  nb: {
    NotAssessed: 'Dette har vi ikke snakket om ennå.',
    NeedIdentified: 'Vi vet at du trenger hjelp med dette.',
    InProgress: 'Det jobbes med dette nå.',
    Met: 'Dette er på plass.',
    DeclinedByPerson: 'Du har sagt at du ikke vil ha hjelp med dette.',
  },
  en: {
    NotAssessed: 'We have not talked about this yet.',
    NeedIdentified: 'We know you need help with this.',
    InProgress: 'This is being worked on now.',
    Met: 'This is in place.',
    DeclinedByPerson: 'You have said you do not want help with this.',
  },
};

/** The need areas in the order the plan shows them. */
export const needOrder = [
  'acute', 'housing', 'income-debt', 'work', 'education', 'network', 'progression', 'physical-health', 'mental-health', 'substance-use',
];

let lang: Lang = readLang();

function readLang(): Lang {
  try {
    return localStorage.getItem('casegrid.lang') === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem('casegrid.lang', next);
  } catch {
    /* private mode: the choice lasts for the page */
  }
  document.documentElement.lang = next === 'nb' ? 'nb' : 'en';
}

export function t(): Dict {
  return words(lang);
}

/** The words of one language, whichever is chosen now. */
export function words(l: Lang): Dict {
  return l === 'nb' ? nb : en;
}

/** The label of an enum value or need-area code. */
export function label(value: string | null | undefined): string {
  if (!value) return '';
  return enums[lang][value] ?? value;
}

export function plain(status: string): string {
  return plainStatus[lang][status] ?? label(status);
}

/** 2027-01-04 → "4. januar 2027" / "4 January 2027". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t().unknownDate;
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant in Norwegian time: "23. nov. 2026 kl. 17:28" / "23 Nov 2026 at 17:28". */
export function formatDateTime(iso: string, l: Lang = lang): string {
  const d = new Date(iso);
  const locale = l === 'nb' ? 'nb-NO' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: osloZone }).format(d);
  return `${day} ${words(l).at} ${formatTime(iso)}`;
}

/** The clock time of an instant in Norwegian time: "17:28". */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: osloZone }).format(new Date(iso));
}

/** The calendar day of an instant in Norwegian time, as yyyy-MM-dd. */
export function osloDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: osloZone }).format(new Date(iso));
}

const osloZone = 'Europe/Oslo';

/** Whole days from today (Norwegian time is close enough for a display) to an ISO date. */
export function daysUntil(iso: string, now = new Date()): number {
  const [y, m, d] = iso.split('-').map(Number);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(y, m - 1, d) - today) / 86400000);
}

/** Plain words for every refusal a person can meet, by the problem's `code` (refusals.ts). */
const refusals: Record<Lang, Record<string, string>> = { nb: refusalsNb, en: refusalsEn };

/** The plain words for a refusal's code, or null when the interface has none (then show the server's detail). */
export function refusalWords(code: string | null | undefined, l: Lang = lang): string | null {
  return (code && refusals[l][code]) || null;
}
