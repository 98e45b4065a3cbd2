// A fixed vocabulary for generated posts and comments (scripts/lib/large-data.mjs).
// CONTENT is ranked: words are drawn with Zipf-like odds (the first words turn up in most
// posts, the last ones in a few percent), so full-text search meets both common and rare
// words. FUNCTION words are filler that the 'english' text search configuration drops.

export const FUNCTION_WORDS = `the of and to a in is that for it as with was on be by this are or from at
an but not have has had which their they you we can will more all about into than its been when
there so what some would these other also only our how your most any then them over such each`
  .split(/\s+/)
  .filter((word, i, all) => word && all.indexOf(word) === i);

export const CONTENT_WORDS = `project team manager work time plan office career process goals
people business change value management role skills risk budget quality delivery client stakeholder
schedule strategy leadership data report meeting scope resources priority portfolio program agile
deadline product customer market growth review task milestone feedback decision estimate planning
communication progress success failure lesson experience training support tools software system
design development testing release sprint backlog board metrics performance standard governance
framework method approach practice structure culture trust conflict negotiation budgeting cost
benefit outcome impact vision mission objective result measure target baseline forecast capacity
workload velocity dependency issue problem solution option analysis research insight question answer
idea content search engine ranking traffic audience visitor reader writer editor article blog
post page link keyword website brand campaign launch partner vendor contract invoice payment finance
revenue profit investment funding hiring interview mentor coach promotion salary certification exam
course lecture book chapter author story example case study template checklist document archive
version draft summary outline agenda minutes action owner sponsor executive director board committee
department unit branch region remote hybrid onsite travel conference workshop webinar seminar network
community forum mailing newsletter update notice announcement policy rule guideline compliance audit
security privacy incident outage recovery backup migration upgrade integration platform cloud server
database query index cache latency throughput bandwidth storage memory processor hardware device mobile
desktop browser interface dashboard chart graph table column spreadsheet formula macro script automation
workflow pipeline deployment monitoring alerting logging tracing debugging refactoring architecture
pattern module component library package dependency license upstream contributor maintainer volunteer
weekend morning evening holiday season quarter annual monthly weekly daily habit routine focus energy
motivation burnout balance wellbeing health family friendship patience courage curiosity humility
ambition discipline resilience creativity empathy honesty kindness gratitude optimism pragmatism
river mountain forest garden harbor lighthouse canyon glacier meadow orchard vineyard prairie tundra
volcano lagoon archipelago savanna steppe fjord estuary marsh delta plateau oasis reef atoll
kettlebell saxophone marmalade origami telescope lantern compass quill parchment sextant astrolabe
zeppelin gondola toboggan periscope metronome harpsichord accordion xylophone bagpipe didgeridoo
ocarina theremin zither mandolin ukulele banjo sitar kalimba glockenspiel celesta clavichord`
  .split(/\s+/)
  .filter((word, i, all) => word && all.indexOf(word) === i);
