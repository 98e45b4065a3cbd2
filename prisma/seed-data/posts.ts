// The seeded site: the reference Wix article plus short posts in three categories,
// enough for every list, feed and "Recent Posts" row to have content and for /blog
// to need a second page.

export type SeedPost = {
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  category: 'project-management' | 'careers' | 'seo';
  tags: string[];
  publishedAt: string;
};

export const CATEGORIES = [
  { slug: 'project-management', name: 'Project Management', description: 'Running projects, programs and PMOs that deliver.' },
  { slug: 'careers', name: 'Careers', description: 'Growing as a project manager, one role at a time.' },
  { slug: 'seo', name: 'SEO', description: 'Being found: search, content and measurement.' },
] as const;

export const TAG_NAMES: Record<string, string> = {
  pmo: 'PMO',
  career: 'Career',
  leadership: 'Leadership',
  agile: 'Agile',
  risk: 'Risk',
  search: 'Search',
  content: 'Content',
  analytics: 'Analytics',
};

export const SEED_ARTICLE_SLUG = 'pmo-career-path-five-issues-connection-a-pmo';

const short = (paragraphs: string[]) => paragraphs.join('\n\n');

export const SHORT_POSTS: SeedPost[] = [
  {
    slug: 'six-reasons-to-join-a-pmo',
    title: 'Six Reasons to Join a PMO',
    excerpt: 'A project management office is more than paperwork: six ways a PMO assignment grows a project manager.',
    body: short([
      'A project management office can look like a detour from delivery. It is often the opposite.',
      '## What you gain',
      '1. Enterprise-level risk management.\n2. Change and issue management across many projects.\n3. A view of the business beyond one sponsor.\n4. Leadership without formal authority.\n5. A say in the processes you always wanted to fix.\n6. Visibility with senior management.',
      'Take the assignment with your eyes open, and it will pay back for years.',
    ]),
    category: 'careers',
    tags: ['pmo', 'career'],
    publishedAt: '2023-02-20T09:00:00Z',
  },
  {
    slug: 'running-a-risk-workshop-in-one-hour',
    title: 'Running a Risk Workshop in One Hour',
    excerpt: 'A tight agenda for a risk workshop that ends with owners and dates, not a list nobody reads.',
    body: short([
      'Most risk workshops fail because they end with a spreadsheet and no owners.',
      '## The agenda',
      'Ten minutes on objectives, twenty on brainstorming, twenty on scoring impact and likelihood, ten on owners and next steps.',
      'Send the register the same day, and review the top five risks in every status meeting.',
    ]),
    category: 'project-management',
    tags: ['risk', 'pmo'],
    publishedAt: '2023-01-30T09:00:00Z',
  },
  {
    slug: 'agile-and-the-pmo',
    title: 'Agile and the PMO: Friends, Not Rivals',
    excerpt: 'How a PMO can support agile teams with lightweight governance instead of stage gates.',
    body: short([
      'Agile teams often see the PMO as the department of no. It does not have to be that way.',
      'A modern PMO tracks outcomes rather than documents, funds teams rather than projects, and keeps a portfolio view that no single team has.',
      '> Governance should be as light as the risk allows.',
    ]),
    category: 'project-management',
    tags: ['agile', 'pmo'],
    publishedAt: '2023-01-12T09:00:00Z',
  },
  {
    slug: 'from-coordinator-to-program-manager',
    title: 'From Coordinator to Program Manager',
    excerpt: 'The skills that carry a project coordinator to a program role, and the ones you have to unlearn.',
    body: short([
      'Every program manager started somewhere, often as the person who booked the meeting rooms.',
      'Learn to read a budget, learn to say no to scope, and learn to let your project managers own their plans.',
      'The hardest part is not the extra work: it is trusting other people to do theirs.',
    ]),
    category: 'careers',
    tags: ['career', 'leadership'],
    publishedAt: '2022-12-15T09:00:00Z',
  },
  {
    slug: 'keyword-research-for-project-blogs',
    title: 'Keyword Research for Project Management Blogs',
    excerpt: 'Find the questions your readers actually search for, and write the answer they need.',
    body: short([
      'Good keyword research starts with your readers, not with a tool.',
      'List the questions your team asks every week, check how people phrase them in search, and write one clear page per question.',
      'Measure which pages bring readers who stay, and write more like those.',
    ]),
    category: 'seo',
    tags: ['search', 'content'],
    publishedAt: '2022-11-28T09:00:00Z',
  },
  {
    slug: 'measuring-what-matters-on-a-blog',
    title: 'Measuring What Matters on a Blog',
    excerpt: 'Views are a start. Reading time, returning readers and comments tell you more.',
    body: short([
      'A view count is only honest if it counts people, not bots and prefetches.',
      'Look at returning readers, at how far people read, and at which posts start conversations in the comments.',
      'Then write for the readers you have, not for the crawler you imagine.',
    ]),
    category: 'seo',
    tags: ['analytics', 'content'],
    publishedAt: '2022-11-03T09:00:00Z',
  },
  {
    slug: 'status-reports-people-read',
    title: 'Status Reports People Actually Read',
    excerpt: 'One page, three colours, five risks: a status report format executives finish.',
    body: short([
      'Nobody reads a twelve-page status report, least of all the executive who asked for it.',
      'Lead with the decision you need, then the three numbers that matter, then the top risks with owners.',
    ]),
    category: 'project-management',
    tags: ['leadership', 'risk'],
    publishedAt: '2022-10-17T09:00:00Z',
  },
  {
    slug: 'mentoring-new-project-managers',
    title: 'Mentoring New Project Managers',
    excerpt: 'What to teach in the first ninety days, and what to let them learn the hard way.',
    body: short([
      'The first ninety days decide whether a new project manager grows or burns out.',
      'Pair them on a live project, review their plans weekly, and let them run one meeting alone in the first month.',
    ]),
    category: 'careers',
    tags: ['career', 'leadership'],
    publishedAt: '2022-09-22T09:00:00Z',
  },
  {
    slug: 'writing-titles-that-get-clicked',
    title: 'Writing Titles That Get Clicked, Honestly',
    excerpt: 'Clear beats clever: titles that promise what the post delivers.',
    body: short([
      'A good title says what the reader will learn and keeps that promise.',
      'Put the subject first, keep it under sixty characters, and never promise a number of tips you do not give.',
    ]),
    category: 'seo',
    tags: ['search', 'content'],
    publishedAt: '2022-08-30T09:00:00Z',
  },
  {
    slug: 'portfolio-reviews-without-pain',
    title: 'Portfolio Reviews Without Pain',
    excerpt: 'A quarterly portfolio review that decides things, in ninety minutes.',
    body: short([
      'A portfolio review exists to stop, start or change projects. If it does none of those, it was a status meeting.',
      'Send the data a week ahead, discuss only the exceptions, and write down every decision with its owner.',
    ]),
    category: 'project-management',
    tags: ['pmo', 'leadership'],
    publishedAt: '2022-08-04T09:00:00Z',
  },
  {
    slug: 'certifications-worth-the-time',
    title: 'Project Management Certifications Worth the Time',
    excerpt: 'Which certificates open doors, and which only decorate a profile.',
    body: short([
      'A certificate will not make you a project manager, but the right one gets you the interview.',
      'Choose the one your target employers ask for, study with a group, and apply what you learn on a real project at once.',
    ]),
    category: 'careers',
    tags: ['career'],
    publishedAt: '2022-07-11T09:00:00Z',
  },
];
