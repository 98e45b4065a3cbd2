import { NotFoundContent } from '@/components/site/not-found-content';
import { getSiteContext } from '@/lib/site';

// notFound() from a reader page: the (site) layout already draws the chrome. Next renders
// no metadata for this case (its <head> had no <title>, which the Nu Html Checker refuses):
// React places this <title> in the head.
export default async function SiteNotFound() {
  const { t, settings } = await getSiteContext();
  return (
    <>
      <title>{`${t.notFoundTitle} | ${settings.siteName}`}</title>
      <NotFoundContent />
    </>
  );
}
