import { NotFoundContent } from '@/components/site/not-found-content';

// notFound() from a reader page: the (site) layout already draws the chrome.
export default function SiteNotFound() {
  return <NotFoundContent />;
}
