import { initials } from '@/lib/initials';

// An author's picture, or their initials on a coloured disc when there is none.
export function Avatar({ name, image, size = 32 }: { name: string; image: string | null; size?: number }) {
  if (image) {
    // eslint-disable-next-line @next/next/no-img-element -- local avatar, already sized
    return <img src={image} alt="" width={size} height={size} className="rounded-full object-cover" />;
  }
  return (
    <span
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4 }}
      className="avatar"
    >
      {initials(name) || '?'}
    </span>
  );
}
